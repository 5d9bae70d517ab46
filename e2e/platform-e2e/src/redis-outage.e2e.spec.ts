import { createHash, randomUUID } from 'node:crypto';
import { HealthResponseSchema } from '@agentrt/contracts';
import { AppProcess } from './support/app-process';
import { freePort, waitFor } from '@agentrt/testing';
import { RedisServer } from './support/redis-server';

const API_KEY = `e2e-${randomUUID()}`;

async function healthOf(app: AppProcess) {
  const response = await fetch(`${app.url}/health`);
  return { status: response.status, body: HealthResponseSchema.parse(await response.json()) };
}

describe('Redis going away and coming back', () => {
  let redis: RedisServer;
  let runtimeApi: AppProcess;
  let buildService: AppProcess;

  beforeAll(async () => {
    redis = new RedisServer(await freePort());
    await redis.start();
    const env = { REDIS_URL: redis.url, QUEUE_PREFIX: 'outage', REDIS_KEY_PREFIX: 'outage' };
    const keyHash = createHash('sha256').update(API_KEY).digest('hex');
    runtimeApi = await AppProcess.start('runtime-api', { ...env, RUNTIME_API_KEY_HASHES: keyHash });
    buildService = await AppProcess.start('build-service', env);
    await Promise.all([runtimeApi.listening(), buildService.listening()]);
  });

  afterAll(async () => {
    await Promise.all([runtimeApi, buildService].filter(Boolean).map((app) => app.stop()));
    await redis?.stop();
  });

  it('reports not-ready while Redis is down and recovers without a restart', async () => {
    await redis.stop();
    for (const app of [runtimeApi, buildService]) {
      const down = await waitFor(
        async () => {
          const report = await healthOf(app);
          return report.status === 503 ? report : undefined;
        },
        { description: `${app.name} to report Redis down` },
      );
      expect(down.body).toMatchObject({ status: 'error', checks: { redis: { status: 'down' } } });
    }

    await redis.start();
    for (const app of [runtimeApi, buildService]) {
      await waitFor(async () => (await healthOf(app)).status === 200, {
        description: `${app.name} to recover`,
      });
    }
    const ping = await fetch(`${runtimeApi.url}/diagnostics/queue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({ message: 'after the outage' }),
    });
    expect(ping.status).toBe(200);
    expect(
      await Promise.race([runtimeApi.exited, buildService.exited, Promise.resolve('both alive')]),
    ).toBe('both alive');
  });
});
