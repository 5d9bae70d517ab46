import { FakeKubeApiServer } from './fake-kube-api-server';

const NS = 'fake-ns';
const JOBS = `/apis/batch/v1/namespaces/${NS}/jobs`;
const PODS = `/api/v1/namespaces/${NS}/pods`;

const job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'build-1' },
  spec: {
    backoffLimit: 0,
    template: {
      metadata: { labels: { 'agentrt.dev/build': 'build-1' } },
      spec: {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'builder',
            image: 'executor:1',
            terminationMessagePolicy: 'FallbackToLogsOnError',
          },
        ],
      },
    },
  },
};

/** The fake's Jobs, pods and logs, driven over plain HTTP as any client would see them. */
describe('fake API server Jobs', () => {
  let fake: FakeKubeApiServer;
  const call = (path: string, init?: RequestInit): Promise<Response> =>
    fetch(`${fake.url}${path}`, init);
  const create = (): Promise<Response> => call(JOBS, { method: 'POST', body: JSON.stringify(job) });

  beforeEach(async () => {
    fake = await FakeKubeApiServer.start(NS);
  });

  afterEach(async () => {
    await fake.close();
    expect(fake.unexpected).toEqual([]);
  });

  it('runs a created Job as one owned pod whose end the test decides', async () => {
    expect((await create()).status).toBe(201);
    const pod = fake.jobs.podOf('build-1') ?? '';
    const listed = (await await call(`${PODS}?labelSelector=agentrt.dev/build=build-1`).then((r) =>
      r.json(),
    )) as {
      items: { metadata: { name: string; labels: Record<string, string> } }[];
    };
    expect(listed.items.map((p) => p.metadata.name)).toEqual([pod]);
    expect(listed.items[0]?.metadata.labels['job-name']).toBe('build-1');

    fake.jobs.start('build-1');
    fake.jobs.log('build-1', 'step 1\nfailed\n');
    fake.jobs.fail('build-1', { exitCode: 2 });
    const read = (await (await call(`${JOBS}/build-1`)).json()) as { status: unknown };
    expect(read.status).toMatchObject({
      failed: 1,
      conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }],
    });
    const stored = fake.collection('pods').get(pod) as { status?: unknown };
    // FallbackToLogsOnError: no message written, so the log's tail stands in for it.
    expect(stored.status).toMatchObject({
      phase: 'Failed',
      containerStatuses: [{ state: { terminated: { exitCode: 2, message: 'step 1\nfailed\n' } } }],
    });
  });

  it('serves logs: 400 before the container starts, then a follow stream until it ends', async () => {
    await create();
    const pod = fake.jobs.podOf('build-1') ?? '';
    const log = `${PODS}/${pod}/log?container=builder&follow=true`;
    expect((await call(log)).status).toBe(400);

    fake.jobs.start('build-1');
    fake.jobs.log('build-1', 'one\n');
    const followed = await call(log);
    fake.jobs.log('build-1', 'two\n');
    fake.jobs.succeed('build-1');
    expect(await followed.text()).toBe('one\ntwo\n');
    expect((await call(`${PODS}/${pod}/log?container=other`)).status).toBe(400);
  });

  it('deleting a Job orphans its pod unless propagationPolicy says Background', async () => {
    await create();
    const orphan = fake.jobs.podOf('build-1') ?? '';
    expect((await call(`${JOBS}/build-1`, { method: 'DELETE' })).status).toBe(200);
    expect([...fake.collection('pods').keys()]).toEqual([orphan]);

    fake.collection('pods').clear();
    await create();
    await call(`${JOBS}/build-1?propagationPolicy=Background`, { method: 'DELETE' });
    expect(fake.collection('pods').size).toBe(0);
    expect(fake.collection('jobs').size).toBe(0);
  });
});
