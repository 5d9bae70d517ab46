import { FakeKubeApiServer } from '@agentrt/testing';
import type { V1Job } from '@kubernetes/client-node';
import {
  API_TOKEN,
  NS,
  createdJob,
  leftovers,
  publishRequest,
  publisherFor,
  IMAGE_DIGEST,
} from './kube-build-fixtures.testing';

describe('KubernetesJobPublisher and the API server (fake API server)', () => {
  let fake: FakeKubeApiServer;

  beforeEach(async () => {
    fake = await FakeKubeApiServer.start(NS);
  });

  afterEach(async () => {
    await fake.close();
    expect(fake.unexpected).toEqual([]);
  });

  it('an API server that cannot be reached is engine_unavailable and transient', async () => {
    const gone = await FakeKubeApiServer.start(NS);
    const url = gone.url;
    await gone.close();
    const published = publisherFor({ url }).publish(publishRequest([]));

    await expect(published).rejects.toMatchObject({
      kind: 'engine_unavailable',
      transient: true,
      message: expect.stringContaining('unreachable'),
    });
  });

  it.each([
    [503, true],
    [429, true],
    [403, false],
  ])(
    'an API answer %i is engine_unavailable, transient: %s, with nothing left behind',
    async (code, transient) => {
      fake.failing = (method, path) =>
        method === 'POST' && path.endsWith('/jobs') ? code : undefined;
      const published = publisherFor(fake).publish(publishRequest([]));

      await expect(published).rejects.toMatchObject({
        kind: 'engine_unavailable',
        transient,
        message: expect.stringContaining(`answered ${code}: the fake answers ${code}`),
      });
      expect(leftovers(fake)).toEqual([]);
    },
  );

  it('rides out a few failed polls, but not an API server that stays away', async () => {
    let failedPolls = 0;
    fake.failing = (method, path) =>
      method === 'GET' && path.includes('/jobs/') && failedPolls++ < 3 ? 503 : undefined;
    const published = publisherFor(fake).publish(publishRequest([]));
    const name = await createdJob(fake);
    fake.jobs.succeed(name, { exitCode: 0, message: IMAGE_DIGEST });
    await expect(published).resolves.toMatchObject({ imageDigest: IMAGE_DIGEST });
    expect(failedPolls).toBeGreaterThanOrEqual(3);

    fake.failing = (method, path) =>
      method === 'GET' && path.includes('/jobs/') ? 503 : undefined;
    const lost = publisherFor(fake).publish(publishRequest([]));
    await expect(lost).rejects.toMatchObject({ kind: 'engine_unavailable', transient: true });
    const second = (fake.calls('POST', '/jobs')[1]?.body as V1Job).metadata?.name ?? '';
    // The first poll and five retries, then the Job is deleted and the build given up.
    expect(fake.calls('GET', `/jobs/${second}`).map((r) => r.status)).toEqual(Array(6).fill(503));
    expect(leftovers(fake)).toEqual([]);
  });

  it('puts no secret in the Job: no API token, no service account token, no env', async () => {
    const registryPassword = 'registry-pass-8c1f2e';
    fake.store.write('secrets', 'ADDED', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'registry-credentials' },
      type: 'Opaque',
      data: { password: Buffer.from(registryPassword).toString('base64') },
    });
    const published = publisherFor(fake).publish(publishRequest([]));
    const name = await createdJob(fake);
    fake.jobs.succeed(name, { exitCode: 0, message: IMAGE_DIGEST });
    await published;

    // The fake also lists any stored secret value it finds anywhere in the Job (afterEach).
    const job = fake.calls('POST', '/jobs')[0]?.body as V1Job;
    expect(JSON.stringify(job)).not.toContain(API_TOKEN);
    const pod = job.spec?.template.spec;
    expect(pod?.automountServiceAccountToken).toBe(false);
    expect(pod?.containers.flatMap((c) => [...(c.env ?? []), ...(c.envFrom ?? [])])).toEqual([]);
    expect(leftovers(fake)).toEqual([]);
  });
});
