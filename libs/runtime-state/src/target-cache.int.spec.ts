import { randomUUID } from 'node:crypto';
import { closeRedisClient, createRedisClient } from '@agentrt/redis';
import { killRedisConnection, waitFor } from '@agentrt/testing';
import Redis from 'ioredis';
import { proxyTargetOf } from './proxy-target';
import { RuntimeChangeFeed } from './runtime-changes';
import type { RuntimeRecord } from './runtime-record';
import { RuntimeStore } from './runtime-store';
import { TargetCache } from './target-cache';
import { runtimeRecordFixture } from './testing';

// eslint-disable-next-line no-restricted-properties -- the test command says where Redis runs
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const AGENT_PORT = 8000;
const ID = 'abcdefabcdefabcdef02';
const URL_A = 'http://127.0.0.1:40001';

const runningRecord = () =>
  runtimeRecordFixture({
    runtimeId: ID,
    sessionApiKey: 'k',
    status: 'running',
    podStatus: 'ready',
    handle: { backend: 'local', runtimeId: ID, ref: '4242', endpoints: { [AGENT_PORT]: URL_A } },
  });

/**
 * The gateway's target cache against runtime-api's real record store and real Redis pub/sub:
 * entries live a minute here, so only the announcements can make a change visible in time.
 */
describe('TargetCache kept fresh by record announcements (real Redis)', () => {
  const prefix = `target-cache-${randomUUID().slice(0, 8)}`;
  const connectionName = `target-cache-${randomUUID().slice(0, 8)}`;
  let redis: Redis;
  let store: RuntimeStore;
  let reads: number;
  let cache: TargetCache;
  let feed: RuntimeChangeFeed;
  let subscriber: Redis;

  const setStatus = (status: RuntimeRecord['status']) =>
    store.update(ID, (current) => ({ ...current, status }));
  const stateOf = async () => (await cache.get(ID))?.state;
  /** Resolves once a read is kept, i.e. once the cache hears the announcements. */
  const listening = () =>
    waitFor(
      async () => {
        await cache.get(ID);
        return cache.size > 0;
      },
      { description: 'the cache to keep the running target', intervalMs: 20 },
    );

  beforeEach(async () => {
    redis = createRedisClient({ url: REDIS_URL, keyPrefix: prefix, connectionName: 'test' });
    store = new RuntimeStore(redis);
    reads = 0;
    cache = new TargetCache(
      async (id) => {
        reads++;
        return proxyTargetOf(await store.get(id), AGENT_PORT);
      },
      { maxAgeMs: 60_000, maxEntries: 100 },
    );
    subscriber = createRedisClient({ url: REDIS_URL, keyPrefix: prefix, connectionName });
    feed = RuntimeChangeFeed.follow(subscriber, cache);
    await store.create(runningRecord());
  });

  afterEach(async () => {
    await feed.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys.map((key) => key.slice(prefix.length + 1)));
    await closeRedisClient(redis);
  });

  it('answers repeated requests without reading Redis again', async () => {
    await listening();
    const before = reads;
    for (let i = 0; i < 5; i++) expect(await stateOf()).toBe('running');
    expect(reads).toBe(before);
  });

  it('sees a pause, then the resume, as soon as runtime-api writes them', async () => {
    await listening();
    await setStatus('paused');
    await waitFor(async () => (await stateOf()) === 'paused', {
      description: 'the pause',
      intervalMs: 5,
      timeoutMs: 2_000,
    });
    await setStatus('running');
    await waitFor(async () => (await stateOf()) === 'running', {
      description: 'the resume',
      intervalMs: 5,
      timeoutMs: 2_000,
    });
  });

  it('does not serve a target changed while its subscription was down', async () => {
    await listening();
    await killRedisConnection(REDIS_URL, connectionName);
    await waitFor(() => Promise.resolve(subscriber.status !== 'ready'), {
      description: 'the link to drop',
    });
    await setStatus('paused'); // announced to nobody: the subscriber waits 200 ms to reconnect
    expect(await stateOf()).toBe('paused');
    await setStatus('running');
    await listening(); // and it caches again once the link is back
    expect(await stateOf()).toBe('running');
  });
});
