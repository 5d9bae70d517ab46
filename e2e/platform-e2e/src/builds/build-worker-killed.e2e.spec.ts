import { waitFor } from '@agentrt/testing';
import { BuildClient, dockerContext } from './build-client';
import { BASE_IMAGE, BuildDeployment, REGISTRY } from './build-deployment';

const FINISHED = ['SUCCESS', 'FAILURE', 'INTERNAL_ERROR', 'TIMEOUT', 'CANCELLED', 'EXPIRED'];
const LOCK_MS = 4000;
const STALLED_INTERVAL_MS = 2000;

/**
 * R2 (targets.md): the worker is killed (SIGKILL) while a build is WORKING. Another worker must
 * finish it (BullMQ hands the stalled job on) within the stall interval plus the build time;
 * it is never left WORKING.
 */
describe('R2: the build worker killed mid-build', () => {
  let deployment: BuildDeployment;
  let client: BuildClient;

  beforeAll(async () => {
    deployment = await BuildDeployment.start({
      worker: {
        WORKER_CONCURRENCY: '1',
        BUILD_LOCK_MS: String(LOCK_MS),
        BUILD_STALLED_INTERVAL_MS: String(STALLED_INTERVAL_MS),
      },
    });
    client = new BuildClient(deployment.url, deployment.apiKey);
  }, 60_000);
  afterAll(() => deployment?.tearDown(), 60_000);

  it('retries the build on another worker to SUCCESS', async () => {
    const [first] = deployment.workers;
    const context = await dockerContext(
      `FROM ${BASE_IMAGE}\nRUN echo r2-${Date.now()} && sleep 3\n`,
    );
    const buildId = await client.build(context, {
      target_image: `${REGISTRY}/${deployment.namespace}/r2:v1`,
    });
    await client.until(buildId, ['WORKING'], 30_000);
    // Killed once its RUN step is running (and its first lines are in the log), not before.
    await waitFor(async () => (await client.logs(buildId)).includes('r2-'), {
      timeoutMs: 30_000,
      description: `the RUN step of ${buildId} in its log`,
    });
    first?.kill('SIGKILL');
    const killedAt = Date.now();
    await deployment.worker();

    const ended = await client.until(buildId, FINISHED, LOCK_MS + STALLED_INTERVAL_MS + 60_000);
    const tookMs = Date.now() - killedAt;
    process.stdout.write(
      `R2: build ${buildId} ended ${ended.status} ${tookMs} ms after the kill\n`,
    );
    expect(ended.status).toBe('SUCCESS');
    const log = await client.logs(buildId);
    expect(log).toMatch(/started on .* \(attempt 1 of 2\)/);
    expect(log.match(/started on/g)?.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
