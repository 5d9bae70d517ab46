import { RuntimeBackendError } from '../runtime-backend-error';
import type { RuntimeHandle, RuntimeSpec } from '../runtime-backend';
import { RuntimeManager } from './runtime-manager';
import { fakeHandle, strictFakeBackend } from './strict-fake-backend';

const spec = { runtimeId: 'rt-1' } as RuntimeSpec;

describe('RuntimeManager routing', () => {
  it('starts on the named backend and routes the handle back to the backend that made it', async () => {
    const started: RuntimeHandle = fakeHandle('docker', 'rt-1');
    const stopped: RuntimeHandle[] = [];
    const manager = new RuntimeManager([
      strictFakeBackend('local', {}),
      strictFakeBackend('docker', {
        start: (s) => Promise.resolve({ ...started, runtimeId: s.runtimeId }),
        stop: (h) => Promise.resolve(void stopped.push(h)),
        attachCommand: (h, session) => ['docker', 'exec', h.ref, session],
      }),
    ]);
    const handle = await manager.start('docker', spec);
    await manager.stop(handle);
    expect(stopped).toEqual([started]);
    expect(manager.attachCommand(handle, 's')).toEqual(['docker', 'exec', 'ref-rt-1', 's']);
  });

  it('routes pause, resume, inspect and exec by handle.backend', async () => {
    const handle = fakeHandle('local', 'rt-2');
    const calls: string[] = [];
    const manager = new RuntimeManager([
      strictFakeBackend('docker', {}),
      strictFakeBackend('local', {
        pause: () => Promise.resolve(void calls.push('pause')),
        resume: (h) => Promise.resolve({ ...h, ref: 'new' }),
        inspect: () => Promise.reject(new RuntimeBackendError('not_found', 'gone')),
        exec: (_h, argv) => Promise.resolve({ exitCode: 0, stdout: argv.join(' '), stderr: '' }),
      }),
    ]);
    await manager.pause(handle);
    expect((await manager.resume(handle)).ref).toBe('new');
    await expect(manager.inspect(handle)).rejects.toMatchObject({ reason: 'not_found' });
    expect((await manager.exec(handle, ['echo', 'hi'])).stdout).toBe('echo hi');
    expect(calls).toEqual(['pause']);
  });

  it('fails with backend_unavailable for a backend that is not registered', async () => {
    const manager = new RuntimeManager([strictFakeBackend('local', {})]);
    await expect(manager.stop(fakeHandle('kubernetes', 'x'))).rejects.toBeInstanceOf(
      RuntimeBackendError,
    );
    expect(() => manager.backend('docker')).toThrow(/no runtime backend 'docker'/);
  });

  it('refuses two backends with one name', () => {
    const manager = new RuntimeManager([strictFakeBackend('local', {})]);
    expect(() => manager.register(strictFakeBackend('local', {}))).toThrow(/already registered/);
    expect(manager.names()).toEqual(['local']);
  });
});
