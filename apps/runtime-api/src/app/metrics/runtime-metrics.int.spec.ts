import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlatformApp, loadConfig } from '@agentrt/platform';
import { RuntimeManager } from '@agentrt/runtime-backends';
import { RuntimeStore } from '@agentrt/runtime-state';
import { MetricsText, scrapeMetrics, waitFor } from '@agentrt/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { AppModule } from '../app.module';
import { WarmPools } from '../pools/warm-pools.service';
import { RuntimeApiConfigSchema } from '../config/runtime-api.config';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `metrics-int-${randomBytes(4).toString('hex')}`;
const WARM_IMAGE = 'agentrt-test/warm:1';
// sha256("k"): the API key below.
const KEY_HASH = '8254c329a92850f6d539dd376f4816ee2764517da5e0235514af433164480d7a';
// Stands in for the agent server: the local backend only needs /alive, a warm claim /init.
const FAKE_AGENT_SERVER = `require('node:http').createServer((req, res) => { req.resume(); res.setHeader('content-type', 'application/json'); res.end('{}'); }).listen(Number(process.env.PORT), '127.0.0.1');`;

describe('runtime-api /metrics against Redis and the local backend', () => {
  let app: NestExpressApplication;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agentrt-metrics-'));
    await writeFile(join(dir, 'agent-server.cjs'), FAKE_AGENT_SERVER);
    const config = loadConfig('runtime-api', RuntimeApiConfigSchema, {
      REDIS_URL,
      REDIS_KEY_PREFIX: PREFIX,
      QUEUE_PREFIX: PREFIX,
      RUNTIME_OWNER: PREFIX,
      RUNTIME_API_KEY_HASHES: KEY_HASH,
      LOG_LEVEL: 'silent',
      LOCAL_RUNTIME_ROOT: join(dir, 'runtimes'),
      BUILD_DATA_DIR: join(dir, 'builds'),
      AGENT_SERVER_COMMAND: `${process.execPath},${join(dir, 'agent-server.cjs')}`,
      WARM_POOLS: JSON.stringify([{ image: WARM_IMAGE, size: 1 }]),
    });
    app = await createPlatformApp(AppModule.register(config));
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 60_000);

  afterAll(async () => {
    if (app) {
      // Stop pool refills first (it waits for boots in flight), so every runtime has its handle.
      await app.get(WarmPools).onApplicationShutdown();
      const manager = app.get(RuntimeManager);
      for (const record of await app.get(RuntimeStore).listLive()) {
        if (record.handle) await manager.stop(record.handle).catch(() => undefined);
      }
      await app.close();
    }
    await deleteKeys(`${PREFIX}*`);
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  const start = async (image: string) => {
    const response = await fetch(`${url}/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
      body: JSON.stringify({ image }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { runtime_id: string; status: string };
  };
  const warmPoolSize = (metrics: MetricsText) =>
    metrics.value('agentrt_warm_pool_size', { image: WARM_IMAGE, resource_factor: '1' });

  it('counts a cold start by backend, the runtime by status, and its request by route', async () => {
    const runtime = await start('agentrt-test/cold:1');
    expect(runtime.status).toBe('running');
    await fetch(`${url}/runtime/${runtime.runtime_id}`, { headers: { 'x-api-key': 'k' } });
    const metrics = await waitFor(
      async () => {
        const scraped = await scrapeMetrics(url);
        return scraped.value('agentrt_runtime_start_seconds_count', cold) === 1
          ? scraped
          : undefined;
      },
      { timeoutMs: 10_000, description: 'the cold start in /metrics' },
    );
    expect(metrics.value('agentrt_runtime_start_seconds_sum', cold)).toBeGreaterThan(0);
    expect(metrics.value('agentrt_runtimes', { status: 'running' })).toBe(1);
    expect(metrics.value('agentrt_runtimes', { status: 'paused' })).toBe(0);
    expect(metrics.value('agentrt_build_queue_depth', { state: 'waiting' })).toBe(0);
    const route = {
      app: 'runtime-api',
      method: 'GET',
      route: '/runtime/:runtime_id',
      status: '200',
    };
    expect(metrics.value('agentrt_http_request_duration_seconds_count', route)).toBe(1);
    expect(metrics.value('agentrt_http_request_duration_seconds_count', { route: '/start' })).toBe(
      1,
    );
  });

  it('counts a start served by the warm pool as warm, and reports the pool refilling', async () => {
    await waitFor(async () => warmPoolSize(await scrapeMetrics(url)) === 1, {
      timeoutMs: 30_000,
      description: 'a ready warm runtime',
    });
    const runtime = await start(WARM_IMAGE);
    expect(runtime.status).toBe('running');
    const metrics = await scrapeMetrics(url);
    expect(
      metrics.value('agentrt_runtime_start_seconds_count', { backend: 'local', warm: 'true' }),
    ).toBe(1);
    expect(metrics.value('agentrt_runtime_start_seconds_count', cold)).toBe(1);
    expect(metrics.value('agentrt_runtimes', { status: 'running' })).toBe(2);
    await waitFor(async () => warmPoolSize(await scrapeMetrics(url)) === 1, {
      timeoutMs: 30_000,
      description: 'the warm pool refilled',
    });
  }, 70_000);
});

const cold = { backend: 'local', warm: 'false' };

async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(pattern);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
