import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildStore } from '@agentrt/build-state';
import { createPlatformApp, loadConfig } from '@agentrt/platform';
import { buildJobDataOf, JOB_NAMES, QUEUES, QueueProducer } from '@agentrt/queues';
import { scrapeMetrics, waitFor } from '@agentrt/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { AppModule } from '../app.module';
import { BuildServiceConfigSchema } from '../config/build-service.config';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `metrics-int-${randomBytes(4).toString('hex')}`;

describe('build-service /metrics against Redis and a real worker', () => {
  let app: NestExpressApplication;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agentrt-build-metrics-'));
    const config = loadConfig('build-service', BuildServiceConfigSchema, {
      REDIS_URL,
      REDIS_KEY_PREFIX: PREFIX,
      QUEUE_PREFIX: PREFIX,
      LOG_LEVEL: 'silent',
      BUILD_DATA_DIR: dir,
    });
    app = await createPlatformApp(AppModule.register(config));
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await deleteKeys(`${PREFIX}*`);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('counts a build that ended, by status, with its duration, and the queue depth', async () => {
    // A context that was never stored: the worker takes the build and ends it INTERNAL_ERROR,
    // the quickest real way through the worker without building an image.
    const build = {
      id: `b-${randomBytes(6).toString('hex')}`,
      owner: 'metrics-test',
      contextDigest: `sha256:${'0'.repeat(64)}`,
      cacheKey: randomBytes(32).toString('hex'),
      options: {
        tags: ['127.0.0.1:5000/agentrt-test/never:1'],
        dockerfile: 'Dockerfile',
        buildArgs: {},
      },
      createdAt: new Date().toISOString(),
    };
    const store = app.get(BuildStore);
    expect((await store.create(build, 10)).kind).toBe('created');
    await app
      .get(QueueProducer)
      .enqueue(QUEUES.builds, JOB_NAMES.build, buildJobDataOf(build), build.id);

    const ended = { status: 'INTERNAL_ERROR' };
    const metrics = await waitFor(
      async () => {
        const scraped = await scrapeMetrics(url);
        return scraped.value('agentrt_builds_total', ended) === 1 ? scraped : undefined;
      },
      { timeoutMs: 20_000, description: 'the ended build in /metrics' },
    );
    expect((await store.get(build.id))?.status).toBe('INTERNAL_ERROR');
    expect(metrics.value('agentrt_build_duration_seconds_count', ended)).toBe(1);
    expect(metrics.value('agentrt_build_duration_seconds_sum', ended)).toBeGreaterThanOrEqual(0);
    expect(metrics.value('agentrt_builds_total', { status: 'SUCCESS' })).toBeUndefined();
    for (const state of ['waiting', 'active', 'delayed']) {
      expect(metrics.value('agentrt_build_queue_depth', { state })).toBe(0);
    }
    expect(metrics.value('agentrt_process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});

async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(pattern);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
