import type { RuntimeHandle } from '../runtime-backend';
import type { KubernetesBackend } from './kubernetes-backend';
import { FakeKubeApiServer } from '@agentrt/testing';
import { backendFor, NS, runtimeSpec, until } from './kube-fixtures.testing';

const ARGV = ['sh', '-c', 'echo hi; echo careful >&2'];

describe('KubernetesBackend exec over the exec WebSocket (fake API server)', () => {
  let fake: FakeKubeApiServer;
  let backend: KubernetesBackend;
  let handle: RuntimeHandle;

  beforeEach(async () => {
    fake = await FakeKubeApiServer.start(NS);
    backend = backendFor(fake);
    handle = await backend.start(runtimeSpec());
  });

  afterEach(async () => {
    await fake.close();
    expect(fake.unexpected).toEqual([]);
  });

  async function socketsClosed(): Promise<void> {
    await until(() => fake.exec.openCount === 0, 'exec sockets closed');
  }

  it('returns stdout, stderr and exit code 0, asking for the v4 channel protocol', async () => {
    fake.exec.scripts = [{ argv: ARGV, stdout: 'hi\n', stderr: 'careful\n', exitCode: 0 }];
    const result = await backend.exec(handle, ARGV);
    expect(result).toEqual({ exitCode: 0, stdout: 'hi\n', stderr: 'careful\n' });
    const [request] = fake.exec.requests;
    expect(request?.pod).toBe('agentrt-rt1');
    expect(request?.query.getAll('command')).toEqual(ARGV);
    expect(request?.query.get('container')).toBe('runtime');
    expect(request?.query.get('stdout')).toBe('true');
    expect(request?.query.get('stderr')).toBe('true');
    expect(request?.protocols).toContain('v4.channel.k8s.io');
    expect(fake.calls('GET', `/api/v1/namespaces/${NS}/pods/agentrt-rt1/exec`)).toHaveLength(1);
    await socketsClosed();
  });

  it('reads a non-zero exit code from the Failure status', async () => {
    fake.exec.scripts = [{ argv: ['false'], stderr: 'no\n', exitCode: 3 }];
    const result = await backend.exec(handle, ['false']);
    expect(result).toEqual({ exitCode: 3, stdout: '', stderr: 'no\n' });
  });

  it('fails with exec_failed when the exec itself fails (no exit code)', async () => {
    const error = 'exec: "nope": executable file not found in $PATH';
    fake.exec.scripts = [{ argv: ['nope'], error }];
    const failure = backend.exec(handle, ['nope']);
    await expect(failure).rejects.toMatchObject({ reason: 'exec_failed' });
    await expect(failure).rejects.toThrow('executable file not found');
  });

  it('times out with exec_failed and closes its socket', async () => {
    fake.exec.scripts = [{ argv: ['sleep', '1000'], hang: true }];
    const failure = backend.exec(handle, ['sleep', '1000'], { timeoutMs: 200 });
    await expect(failure).rejects.toMatchObject({
      reason: 'exec_failed',
      message: expect.stringContaining('timed out after 200 ms'),
    });
    await socketsClosed();
  });

  it('fails with exec_failed when the connection drops before the status', async () => {
    fake.exec.scripts = [{ argv: ['crash'], stdout: 'partial', drop: true }];
    const failure = backend.exec(handle, ['crash']);
    await expect(failure).rejects.toMatchObject({
      reason: 'exec_failed',
      message: expect.stringContaining('closed without a status'),
    });
  });

  it('fails with not_found when the pod is gone (paused)', async () => {
    await backend.pause(handle);
    await expect(backend.exec(handle, ARGV)).rejects.toMatchObject({ reason: 'not_found' });
    expect(fake.exec.requests).toHaveLength(1);
  });
});
