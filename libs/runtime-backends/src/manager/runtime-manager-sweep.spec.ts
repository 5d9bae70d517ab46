import type { RuntimeHandle } from '../runtime-backend';
import { RuntimeManager } from './runtime-manager';
import { fakeOwned, strictFakeBackend } from './strict-fake-backend';

function managerWith(stopped: RuntimeHandle[], failStop = new Set<string>()) {
  const stop = (handle: RuntimeHandle) =>
    failStop.has(handle.runtimeId)
      ? Promise.reject(new Error(`cannot stop ${handle.runtimeId}`))
      : Promise.resolve(void stopped.push(handle));
  return new RuntimeManager([
    strictFakeBackend('local', {
      list: () => Promise.resolve([fakeOwned('local', 'a'), fakeOwned('local', 'b', 'paused')]),
      stop,
    }),
    strictFakeBackend('docker', {
      list: () => Promise.resolve([fakeOwned('docker', 'c'), fakeOwned('docker', 'd', 'stopped')]),
      stop,
    }),
  ]);
}

describe('RuntimeManager listAll, sweep and reconcile', () => {
  it('lists the owned runtimes of every backend', async () => {
    const ids = (await managerWith([]).listAll()).map((r) => r.handle.runtimeId);
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
  });

  it('sweep stops exactly the runtimes with no live record and returns them', async () => {
    const stopped: RuntimeHandle[] = [];
    const removed = await managerWith(stopped).sweep(new Set(['a', 'c']));
    expect(removed.map((r) => r.handle.runtimeId)).toEqual(['b', 'd']);
    expect(stopped.map((h) => `${h.backend}/${h.runtimeId}`)).toEqual(['local/b', 'docker/d']);
  });

  it('sweep tries every orphan before reporting a failed stop', async () => {
    const stopped: RuntimeHandle[] = [];
    const sweep = managerWith(stopped, new Set(['a'])).sweep(new Set());
    await expect(sweep).rejects.toThrow(/1 stop\(s\) failed/);
    expect(stopped.map((h) => h.runtimeId)).toEqual(['b', 'c', 'd']);
  });

  it('reconcile adopts live recorded runtimes and reports recorded ones that are gone', async () => {
    const result = await managerWith([]).reconcile(['a', 'b', 'd', 'zz', 'a']);
    expect(result.adopted.map((r) => r.handle.runtimeId)).toEqual(['a', 'b']);
    expect(result.vanished).toEqual(['d', 'zz']);
  });

  it('reconcile rejects when a backend cannot list, instead of declaring its runtimes vanished', async () => {
    const manager = new RuntimeManager([
      strictFakeBackend('local', { list: () => Promise.reject(new Error('engine down')) }),
    ]);
    await expect(manager.reconcile(['a'])).rejects.toThrow('engine down');
  });
});
