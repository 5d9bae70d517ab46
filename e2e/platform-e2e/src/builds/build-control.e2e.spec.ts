import { waitFor } from '@agentrt/testing';
import { BuildClient, dockerContext } from './build-client';
import { BASE_IMAGE, BuildDeployment, REGISTRY } from './build-deployment';

const FINISHED = ['SUCCESS', 'FAILURE', 'INTERNAL_ERROR', 'TIMEOUT', 'CANCELLED', 'EXPIRED'];

/** Timeouts, cancellation, per-key limits and retention, on one worker running one build at a time. */
describe('build control: timeout, cancel, limits, expiry', () => {
  let deployment: BuildDeployment;
  let client: BuildClient;

  beforeAll(async () => {
    deployment = await BuildDeployment.start({
      api: { BUILD_MAX_ACTIVE_PER_KEY: '3', BUILD_RETENTION_SECONDS: '4' },
      worker: { WORKER_CONCURRENCY: '1', BUILD_TIMEOUT_SECONDS: '4', BUILD_RETENTION_SECONDS: '4' },
    });
    client = new BuildClient(deployment.url, deployment.apiKey);
  }, 60_000);
  afterAll(() => deployment?.tearDown(), 60_000);

  const slow = (seconds: number, tag: string) =>
    dockerContext(`FROM ${BASE_IMAGE}\nRUN echo slow-${tag} && sleep ${seconds}\n`);
  const target = (name: string) => ({
    target_image: `${REGISTRY}/${deployment.namespace}/${name}:${Math.random().toString(16).slice(2)}`,
  });

  it('stops a build that runs past BUILD_TIMEOUT_SECONDS and reports TIMEOUT', async () => {
    const buildId = await client.build(await slow(60, 'timeout'), target('timeout'));
    const ended = await client.until(buildId, FINISHED, 60_000);
    expect(ended.status).toBe('TIMEOUT');
    expect(ended.error).toMatch(/within 4000 ms/);
  }, 90_000);

  it('cancels a running build and a queued one; the queued one never starts', async () => {
    const running = await client.build(await slow(60, 'running'), target('cancel'));
    await client.until(running, ['WORKING'], 30_000);
    await waitForLogLine(client, running, 'slow-running');
    const queued = await client.build(await slow(1, 'queued'), target('cancel'));
    expect((await client.status(queued)).status).toBe('QUEUED');

    const cancelQueued = await client.cancel(queued);
    expect(cancelQueued.status).toBe(200);
    expect(await cancelQueued.json()).toMatchObject({ status: 'CANCELLED' });
    const cancelRunning = await client.cancel(running);
    expect(cancelRunning.status).toBe(200);

    const stopped = await client.until(running, FINISHED, 30_000);
    expect(stopped.status).toBe('CANCELLED');
    expect((await client.status(queued)).status).toBe('CANCELLED');
    expect(await client.logs(queued)).not.toContain('slow-queued');
    const again = await client.cancel(running);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'conflict', status: 'CANCELLED' });
  }, 120_000);

  it('answers 429 once the key has BUILD_MAX_ACTIVE_PER_KEY unfinished builds', async () => {
    const ids = [];
    for (let i = 0; i < 3; i += 1)
      ids.push(await client.build(await slow(30, `limit-${i}`), target('limit')));
    const refused = await client.submitJson(await slow(30, 'limit-4'), target('limit'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(await refused.json()).toMatchObject({ code: 'rate_limited' });
    for (const id of ids) await client.cancel(id);
    for (const id of ids) await client.until(id, ['CANCELLED'], 30_000);
    // Finished builds free their slots.
    const accepted = await client.submitJson(await slow(0, 'limit-5'), target('limit'));
    expect(accepted.status).toBe(200);
    const { build_id } = (await accepted.json()) as { build_id: string };
    await client.until(build_id, FINISHED, 60_000);
  }, 120_000);

  it('reports EXPIRED once a finished build is older than the retention', async () => {
    const buildId = await client.build(
      await dockerContext(`FROM ${BASE_IMAGE}\nRUN echo expiring\n`),
      target('expiry'),
    );
    const done = await client.until(buildId, FINISHED, 60_000);
    expect(done.status).toBe('SUCCESS');
    const expired = await client.until(buildId, ['EXPIRED'], 15_000);
    expect(expired.image).toBeUndefined();
    expect(expired.error).toMatch(/expired/);
  }, 90_000);

  it('answers 404 for an unknown build, 401 without a key, 415/400 for bad bodies', async () => {
    const unknown = await fetch(`${deployment.url}/build_status?build_id=b-nope`, {
      headers: { 'X-API-Key': deployment.apiKey },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not_found' });
    const noKey = await fetch(`${deployment.url}/build_status?build_id=b-nope`);
    expect(noKey.status).toBe(401);
    const text = await fetch(`${deployment.url}/build`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'X-API-Key': deployment.apiKey },
      body: 'hello',
    });
    expect(text.status).toBe(415);
    const missing = await client.submitJson(Buffer.alloc(0), { target_image: 'x' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 'validation_failed' });
  });
});

async function waitForLogLine(client: BuildClient, buildId: string, line: string): Promise<void> {
  await waitFor(async () => (await client.logs(buildId)).includes(line), {
    timeoutMs: 30_000,
    description: `"${line}" in the log of ${buildId}`,
  });
}
