import { FakeKubeApiServer } from '@agentrt/testing';
import type { V1Job } from '@kubernetes/client-node';
import type { KubernetesJobPublisher } from './kubernetes-job-publisher';
import {
  NS,
  createdJob,
  leftovers,
  publishRequest,
  publisherFor,
  until,
} from './kube-build-fixtures.testing';

describe('KubernetesJobPublisher stops builds and leaves nothing behind (fake API server)', () => {
  let fake: FakeKubeApiServer;
  let publisher: KubernetesJobPublisher;

  beforeEach(async () => {
    fake = await FakeKubeApiServer.start(NS);
    publisher = publisherFor(fake);
  });

  afterEach(async () => {
    await fake.close();
    expect(fake.unexpected).toEqual([]);
  });

  it('a build that outlives its timeout is timeout, and the Job and its pod are deleted', async () => {
    const published = publisher.publish(publishRequest([], { timeoutMs: 400 }));
    const name = await createdJob(fake);
    fake.jobs.start(name);

    await expect(published).rejects.toMatchObject({ kind: 'timeout', transient: false });
    const job = fake.calls('POST', '/jobs')[0]?.body as V1Job;
    expect(job.spec?.activeDeadlineSeconds).toBe(1);
    expect(fake.calls('DELETE', `/jobs/${name}`)[0]?.query.get('propagationPolicy')).toBe(
      'Background',
    );
    expect(leftovers(fake)).toEqual([]);
  });

  it('a Job that reaches its own deadline is timeout', async () => {
    const published = publisher.publish(publishRequest([]));
    const name = await createdJob(fake);
    fake.jobs.start(name);
    fake.jobs.exceedDeadline(name);

    await expect(published).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.stringContaining('deadline'),
    });
    expect(leftovers(fake)).toEqual([]);
  });

  it('cancelling deletes the running Job with its pod and closes the log stream', async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const published = publisher.publish(publishRequest(lines, { signal: controller.signal }));
    const name = await createdJob(fake);
    fake.jobs.start(name);
    fake.jobs.log(name, 'INFO[0000] working\n');
    await until(() => lines.length === 1, 'the first log line');
    controller.abort();

    await expect(published).rejects.toMatchObject({ kind: 'cancelled', transient: false });
    expect(fake.calls('DELETE', `/jobs/${name}`)[0]?.query.get('propagationPolicy')).toBe(
      'Background',
    );
    expect(leftovers(fake)).toEqual([]);
    await until(() => fake.logs.openCount === 0, 'the log stream closed');
  });

  it('a signal aborted beforehand creates no Job', async () => {
    const controller = new AbortController();
    controller.abort();
    const published = publisher.publish(publishRequest([], { signal: controller.signal }));

    await expect(published).rejects.toMatchObject({ kind: 'cancelled' });
    expect(fake.calls('POST', '/jobs')).toEqual([]);
  });
});
