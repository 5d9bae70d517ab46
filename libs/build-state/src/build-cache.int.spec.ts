import { RedisModule } from '@agentrt/redis';
import { Test } from '@nestjs/testing';
import type Redis from 'ioredis';
import type { CachedImage } from './build-record';
import { BuildStateModule } from './build-state.module';
import { newBuild, TestRedis } from './build-state.testing';
import { BuildStore } from './build-store';

const cached: CachedImage = {
  buildId: 'b-original',
  image: '127.0.0.1:5000/app:1',
  imageDigest: 'sha256:feed',
  imageSizeBytes: 4096,
  cachedAt: '2024-01-01T00:00:00.000Z',
};

describe('BuildStore image cache (real Redis)', () => {
  let env: TestRedis;
  let redis: Redis;
  let store: BuildStore;

  beforeEach(() => {
    env = new TestRedis();
    redis = env.client();
    store = new BuildStore(redis, { retentionSeconds: 600 });
  });

  afterEach(async () => {
    await env.cleanup();
  });

  it('remembers a result for the retention period and forgets it on request', async () => {
    expect(await store.cacheGet('k1')).toBeUndefined();
    await store.cachePut('k1', cached);
    expect(await store.cacheGet('k1')).toEqual(cached);
    const ttl = await redis.ttl('build:cache:k1');
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
    await store.cacheDelete('k1');
    expect(await store.cacheGet('k1')).toBeUndefined();
  });

  it('treats a corrupt cache entry as a miss', async () => {
    await redis.set('build:cache:bad', 'not json');
    await redis.set('build:cache:partial', JSON.stringify({ buildId: 'b-1' }));
    expect(await store.cacheGet('bad')).toBeUndefined();
    expect(await store.cacheGet('partial')).toBeUndefined();
  });

  it('answers a cache hit as SUCCESS at once, outside the owner limit and the active list', async () => {
    const build = newBuild();
    const record = await store.createCached(build, cached);
    expect(record).toEqual({
      ...build,
      status: 'SUCCESS',
      attempt: 0,
      cancelRequested: false,
      image: cached.image,
      imageDigest: cached.imageDigest,
      imageSizeBytes: cached.imageSizeBytes,
      cachedFrom: 'b-original',
      finishedAt: expect.any(String),
    });
    expect(await store.get(build.id)).toEqual(record);
    expect(await store.listActive()).toEqual([]);
    expect(await store.activeCount('key-a')).toBe(0);
    expect((await store.create(newBuild(), 1)).kind).toBe('created');
    expect(await redis.ttl(`build:rec:${build.id}`)).toBeGreaterThan(1190);
    await expect(store.createCached(build, cached)).rejects.toThrow(/already exists/);
  });
});

describe('BuildStateModule', () => {
  it('provides a BuildStore on the app Redis connection and its key prefix', async () => {
    const env = new TestRedis();
    const moduleRef = await Test.createTestingModule({
      imports: [
        RedisModule.forRoot({ url: env.url, keyPrefix: env.prefix, connectionName: 'bs-module' }),
        BuildStateModule.forRoot({ retentionSeconds: 600 }),
      ],
    }).compile();
    try {
      const store = moduleRef.get(BuildStore);
      const build = newBuild();
      await store.create(build, 100);
      expect(await env.raw().exists(`${env.prefix}:build:rec:${build.id}`)).toBe(1);
    } finally {
      await moduleRef.close();
      await env.cleanup();
    }
  });
});
