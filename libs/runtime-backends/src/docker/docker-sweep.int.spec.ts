import { RuntimeManager } from '../manager/runtime-manager';
import { DockerBackend } from './docker-backend';
import { docker, newOwner, okSpec, removeOwned } from './testing/engine-fixture';

const owner = newOwner('test-sweep');

afterEach(async () => {
  await removeOwned(owner);
});

describe('DockerBackend with the manager (real engine)', () => {
  it('sweeps the containers that have no live record and keeps the others', async () => {
    const manager = new RuntimeManager();
    manager.register(new DockerBackend({ docker, owner }));
    const kept = await manager.start('docker', okSpec());
    const orphan = await manager.start('docker', okSpec());
    const removed = await manager.sweep(new Set([kept.runtimeId]));
    expect(removed.map((runtime) => runtime.handle.runtimeId)).toEqual([orphan.runtimeId]);
    const left = await manager.listAll();
    expect(left.map((runtime) => runtime.handle.runtimeId)).toEqual([kept.runtimeId]);
  });
});
