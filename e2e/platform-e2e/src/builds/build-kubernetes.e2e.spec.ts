import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { FakeKubeApiServer, waitFor } from '@agentrt/testing';
import { BuildClient, dockerContext } from './build-client';
import { BuildDeployment, REGISTRY } from './build-deployment';

const NS = 'agentrt-builds-e2e';
const IMAGE_DIGEST = `sha256:${'c0ffee12'.repeat(8)}`;
const FINISHED = ['SUCCESS', 'FAILURE', 'INTERNAL_ERROR', 'TIMEOUT', 'CANCELLED'];

interface JobArgs {
  name: string;
  args: string[];
}

/**
 * BUILD_MODE=kubernetes end to end: runtime-api and build-service for real, the Kubernetes API
 * a fake (no cluster can run here) that checks every request; the test plays the kubelet.
 */
describe('builds as Kubernetes Jobs (FAKE Kubernetes API server)', () => {
  let fake: FakeKubeApiServer;
  let deployment: BuildDeployment;
  let client: BuildClient;

  beforeAll(async () => {
    fake = await FakeKubeApiServer.start(NS);
    deployment = await BuildDeployment.start({
      worker: {
        BUILD_MODE: 'kubernetes',
        KUBE_API_SERVER: fake.url,
        KUBE_NAMESPACE: NS,
        KUBE_TOKEN_FILE: '/nonexistent/token',
        // The fake speaks plain http, which the client only allows with verification off.
        KUBE_SKIP_TLS_VERIFY: 'true',
        KUBE_CONTEXT_PVC: 'agentrt-builds',
      },
    });
    client = new BuildClient(deployment.url, deployment.apiKey);
  }, 60_000);
  afterAll(async () => {
    await deployment?.tearDown();
    await fake?.close();
  }, 60_000);

  async function nextJob(seen: number): Promise<JobArgs> {
    return await waitFor(
      () => {
        const call = fake.calls('POST', '/jobs')[seen];
        const body = call?.body as
          | {
              metadata?: { name?: string };
              spec?: { template?: { spec?: { containers?: { args?: string[] }[] } } };
            }
          | undefined;
        const name = body?.metadata?.name;
        if (!name) return Promise.resolve(undefined);
        return Promise.resolve({
          name,
          args: body?.spec?.template?.spec?.containers?.[0]?.args ?? [],
        });
      },
      { timeoutMs: 30_000, description: `build Job #${seen + 1}` },
    );
  }

  it('runs the build as a Job on the stored context and reports the digest it pushed', async () => {
    const buildId = await client.build(
      await dockerContext('FROM scratch\nCOPY a /a\n', { a: 'x' }),
      {
        target_image: `${REGISTRY}/${deployment.namespace}/kube:v1`,
        target: 'final',
        build_args: { FLAVOUR: 'mint' },
      },
    );
    const job = await nextJob(0);
    const context = job.args.find((arg) => arg.startsWith('--context=tar://')) ?? '';
    const path = context.replace('--context=tar:///contexts/', '');
    // The Job reads the very file runtime-api stored, through the shared volume.
    await access(join(deployment.dataDir, path));
    expect(job.args).toEqual(
      expect.arrayContaining([
        '--target=final',
        '--build-arg=FLAVOUR=mint',
        `--destination=${REGISTRY}/${deployment.namespace}/kube:v1`,
        '--digest-file=/dev/termination-log',
      ]),
    );
    expect((await client.status(buildId)).status).toBe('WORKING');

    fake.jobs.start(job.name);
    fake.jobs.log(job.name, 'INFO[0000] building in a pod\n');
    fake.jobs.succeed(job.name, { exitCode: 0, message: IMAGE_DIGEST });
    const done = await client.until(buildId, FINISHED, 30_000);
    expect(done).toMatchObject({
      status: 'SUCCESS',
      image: `${REGISTRY}/${deployment.namespace}/kube:v1`,
      image_digest: IMAGE_DIGEST,
    });
    expect(await client.logs(buildId)).toContain('building in a pod');
    expect(fake.unexpected).toEqual([]);
  }, 90_000);

  it('reports a failing step in the builder pod as FAILURE with its log line', async () => {
    const buildId = await client.build(await dockerContext('FROM scratch\nRUN false\n'), {
      target_image: `${REGISTRY}/${deployment.namespace}/kube:failing`,
    });
    const job = await nextJob(1);
    fake.jobs.start(job.name);
    fake.jobs.log(job.name, 'error building image: RUN false returned exit code 1\n');
    fake.jobs.fail(job.name, { exitCode: 1 });
    const done = await client.until(buildId, FINISHED, 30_000);
    expect(done.status).toBe('FAILURE');
    expect(await client.logs(buildId)).toContain('RUN false returned exit code 1');
    expect(fake.unexpected).toEqual([]);
  }, 90_000);
});
