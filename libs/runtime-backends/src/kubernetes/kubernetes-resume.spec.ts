import type { KubernetesBackend } from './kubernetes-backend';
import { FakeKubeApiServer } from '@agentrt/testing';
import { backendFor, NS, runtimeSpec } from './kube-fixtures.testing';

describe('KubernetesBackend resume racing a terminating pod (fake API server)', () => {
  let fake: FakeKubeApiServer;
  let backend: KubernetesBackend;

  beforeEach(async () => {
    fake = await FakeKubeApiServer.start(NS);
    backend = backendFor(fake, {
      recreateRetry: { attempts: 4, initialDelayMs: 5, maxDelayMs: 20 },
    });
  });

  afterEach(async () => {
    await fake.close();
    expect(fake.unexpected).toEqual([]);
  });

  const podCreates = (): (number | undefined)[] =>
    fake.calls('POST', '/pods').map((request) => request.status);

  it('waits out a Terminating pod (409 AlreadyExists), then recreates it', async () => {
    fake.objects.terminationRequests = 6;
    const handle = await backend.start(runtimeSpec());
    await backend.pause(handle);
    expect(fake.collection('pods').get('agentrt-rt1')?.metadata.deletionTimestamp).toBeDefined();
    await expect(backend.resume(handle)).resolves.toEqual(handle);
    const [first, ...retries] = podCreates();
    expect(first).toBe(201);
    expect(retries.at(-1)).toBe(201);
    expect(retries.slice(0, -1)).toEqual([409, 409]);
    const pod = fake.collection('pods').get('agentrt-rt1');
    expect(pod?.metadata.deletionTimestamp).toBeUndefined();
    expect(await backend.inspect(handle)).toMatchObject({
      status: 'starting',
      podStatus: 'pending',
    });
  });

  it('fails with a clear start_failed when the old pod never goes', async () => {
    fake.objects.terminationRequests = 1_000;
    const handle = await backend.start(runtimeSpec());
    await backend.pause(handle);
    const resume = backend.resume(handle);
    await expect(resume).rejects.toMatchObject({
      name: 'RuntimeBackendError',
      reason: 'start_failed',
      message: expect.stringMatching(/agentrt-rt1 is still terminating after 4 attempts/),
    });
    expect(podCreates()).toEqual([201, 409, 409, 409, 409]);
  });

  it('resume of a runtime whose pod is alive creates nothing', async () => {
    const handle = await backend.start(runtimeSpec());
    await expect(backend.resume(handle)).resolves.toEqual(handle);
    expect(podCreates()).toEqual([201]);
  });
});
