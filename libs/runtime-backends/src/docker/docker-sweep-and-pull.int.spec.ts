import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { LABELS } from '../labels';
import { RuntimeManager } from '../manager/runtime-manager';
import type { RuntimeSpec } from '../runtime-backend';
import { DockerBackend } from './docker-backend';

const run = promisify(execFile);
const BASE = 'agentrt-local/node-base:bookworm';
const SERVER = "require('http').createServer((q,s)=>s.end('ok')).listen(8000)";
const docker = new Dockerode({ socketPath: '/var/run/docker.sock' });
const owner = `test-sweep-${randomUUID().slice(0, 8)}`;

function spec(image = BASE, pullPolicy: RuntimeSpec['pullPolicy'] = 'Never'): RuntimeSpec {
  const runtimeId = `sw-${randomUUID().slice(0, 12)}`;
  return {
    runtimeId,
    sessionId: runtimeId,
    image,
    command: ['node', '-e', SERVER],
    environment: {},
    ports: [8000],
    resourceFactor: 1,
    pullPolicy,
    labels: {},
    readiness: { port: 8000, path: '/', timeoutMs: 15_000 },
  };
}

afterEach(async () => {
  const owned = await docker.listContainers({
    all: true,
    filters: { label: [`${LABELS.owner}=${owner}`] },
  });
  for (const c of owned) await docker.getContainer(c.Id).remove({ force: true });
  const { Volumes } = await docker.listVolumes({
    filters: { label: [`${LABELS.owner}=${owner}`] },
  });
  for (const v of Volumes) await docker.getVolume(v.Name).remove();
});

describe('DockerBackend with the manager and the local registry (real engine)', () => {
  it('sweeps the containers that have no live record and keeps the others', async () => {
    const manager = new RuntimeManager();
    manager.register(new DockerBackend({ docker, owner }));
    const kept = await manager.start('docker', spec());
    const orphan = await manager.start('docker', spec());
    const removed = await manager.sweep(new Set([kept.runtimeId]));
    expect(removed.map((runtime) => runtime.handle.runtimeId)).toEqual([orphan.runtimeId]);
    const left = await manager.listAll();
    expect(left.map((runtime) => runtime.handle.runtimeId)).toEqual([kept.runtimeId]);
  });

  it('pulls a missing image from the local registry when the policy allows it', async () => {
    // The registry dev-env starts on 127.0.0.1:5000; the image is pushed there, then removed locally.
    const image = `127.0.0.1:5000/agentrt-test/pull-${randomUUID().slice(0, 8)}:1`;
    await run('docker', ['tag', BASE, image]);
    await run('docker', ['push', image]);
    await run('docker', ['rmi', image]);
    try {
      const handle = await new DockerBackend({ docker, owner }).start(spec(image, 'IfNotPresent'));
      expect(handle.runtimeId).toMatch(/^sw-/);
      expect((await docker.getImage(image).inspect()).RepoTags).toContain(image);
    } finally {
      await run('docker', ['rmi', '-f', image]).catch(() => undefined);
    }
  }, 120_000); // pushing the base image to the registry takes most of this
});
