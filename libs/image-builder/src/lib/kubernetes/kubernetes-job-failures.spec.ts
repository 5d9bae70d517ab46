import { FakeKubeApiServer } from '@agentrt/testing';
import type { KubernetesJobPublisher } from './kubernetes-job-publisher';
import {
  NS,
  createdJob,
  leftovers,
  publishRequest,
  publisherFor,
  until,
} from './kube-build-fixtures.testing';

const FAILED_RUN =
  'error building image: error building stage: failed to execute command: waiting for process to exit: exit status 1';

describe('KubernetesJobPublisher reports failed builds (fake API server)', () => {
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

  it('a failing RUN step is build_failed with the last log lines, and the Job is gone', async () => {
    const lines: string[] = [];
    const published = publisher.publish(publishRequest(lines));
    const name = await createdJob(fake);
    fake.jobs.start(name);
    await until(() => fake.logs.openCount === 1, 'a follow stream on the builder log');
    fake.jobs.log(name, 'INFO[0001] RUN exit 1\n');
    fake.jobs.log(name, `${FAILED_RUN}\n`);
    fake.jobs.fail(name, { exitCode: 1 });

    const failure = await published.catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'build_failed', transient: false });
    expect((failure as Error).message).toContain('exit code 1, Error');
    expect((failure as Error).message).toContain(FAILED_RUN);
    expect(lines).toEqual(['INFO[0001] RUN exit 1', FAILED_RUN]);
    expect(leftovers(fake)).toEqual([]);
  });

  it('a builder that fails before its log is read is explained by its termination message', async () => {
    const published = publisher.publish(publishRequest([]));
    const name = await createdJob(fake);
    fake.jobs.fail(name, {
      exitCode: 1,
      message: 'error resolving dockerfile path: no Dockerfile',
    });

    await expect(published).rejects.toMatchObject({
      kind: 'build_failed',
      message: expect.stringContaining('error resolving dockerfile path: no Dockerfile'),
    });
  });

  it('an unreachable registry is push_failed and worth a retry; a refusal is not', async () => {
    const unreachable =
      'error pushing image: failed to push to destination 127.0.0.1:5000/agentrt/app:v1: dial tcp 127.0.0.1:5000: connect: connection refused';
    const denied = 'error pushing image: failed to push to destination x/app:v1: UNAUTHORIZED';
    for (const [line, transient] of [
      [unreachable, true],
      [denied, false],
    ] as const) {
      const published = publisher.publish(publishRequest([]));
      const name = await createdJob(fake);
      fake.jobs.start(name);
      fake.jobs.log(name, `INFO[0009] Pushing image\n${line}\n`);
      fake.jobs.fail(name, { exitCode: 1 });
      await expect(published).rejects.toMatchObject({
        kind: 'push_failed',
        message: line,
        transient,
      });
      expect(leftovers(fake)).toEqual([]);
    }
  });

  it('a builder that succeeds without reporting a digest is push_failed', async () => {
    const published = publisher.publish(publishRequest([]));
    const name = await createdJob(fake);
    fake.jobs.succeed(name, { exitCode: 0 });

    await expect(published).rejects.toMatchObject({
      kind: 'push_failed',
      message: expect.stringContaining('no image digest'),
    });
    expect(leftovers(fake)).toEqual([]);
  });
});
