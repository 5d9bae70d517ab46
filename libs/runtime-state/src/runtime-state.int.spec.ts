import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RateWindows } from './rate-window';
import { LockTimeoutError, RedisLocks } from './redis-lock';
import { RuntimeStore } from './runtime-store';
import { runtimeRecordFixture as record } from './testing';
import { WarmPoolQueue } from './warm-pool-queue';

// eslint-disable-next-line no-restricted-properties -- the test command says where Redis runs
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('runtime state (real Redis)', () => {
  let redis: Redis;
  let prefix: string;

  beforeEach(() => {
    prefix = `rs-test-${randomUUID().slice(0, 8)}`;
    redis = new Redis(REDIS_URL, { keyPrefix: `${prefix}:` });
  });

  afterEach(async () => {
    const raw = new Redis(REDIS_URL);
    const leftovers = await raw.keys(`${prefix}:*`);
    if (leftovers.length > 0) await raw.del(...leftovers);
    raw.disconnect();
    redis.disconnect();
  });

  it('creates one runtime per session: the second create gets the first one back', async () => {
    const store = new RuntimeStore(redis);
    const first = record({ sessionId: 'shared' });
    const second = record({ sessionId: 'shared' });
    const outcomes = await Promise.all([store.create(first), store.create(second)]);
    expect(outcomes.filter((o) => o.kind === 'created')).toHaveLength(1);
    const winner = outcomes.find((o) => o.kind === 'created');
    const loser = outcomes.find((o) => o.kind === 'exists');
    expect(loser).toEqual({
      kind: 'exists',
      runtimeId: winner?.kind === 'created' ? winner.record.runtimeId : '',
    });
    expect((await store.bySession('shared'))?.runtimeId).toBe(loser?.runtimeId);
  });

  it('refuses a create past the owner limit and counts again once one stops', async () => {
    const store = new RuntimeStore(redis);
    const first = record();
    expect((await store.create(first, 1)).kind).toBe('created');
    expect(await store.create(record(), 1)).toEqual({ kind: 'limited' });
    await store.update(first.runtimeId, (r) => ({ ...r, status: 'stopped' }));
    expect(await store.countOwned('key-a')).toBe(0);
    expect((await store.create(record(), 1)).kind).toBe('created');
  });

  it('frees the session on stop, keeps the record visible and out of the live list', async () => {
    const store = new RuntimeStore(redis, 120);
    const r = record();
    await store.create(r);
    const stopped = await store.update(r.runtimeId, (c) => ({ ...c, status: 'stopped' }));
    expect(stopped).toMatchObject({ status: 'stopped', version: 2 });
    expect(await store.bySession(r.sessionId)).toBeUndefined();
    expect((await store.get(r.runtimeId))?.status).toBe('stopped');
    expect(await store.listLive()).toEqual([]);
    expect(await redis.ttl(`rt:rec:${r.runtimeId}`)).toBeGreaterThan(100);
  });

  it('keeps a failed runtime findable by session until a new start replaces it', async () => {
    const store = new RuntimeStore(redis, 120);
    const failed = record({ sessionId: 'retry-me' });
    await store.create(failed, 1);
    await store.update(failed.runtimeId, (c) => ({ ...c, status: 'error', podStatus: 'failed' }));
    expect((await store.bySession('retry-me'))?.status).toBe('error');
    expect(await store.countOwned('key-a')).toBe(0);
    // Without naming the failed runtime, the session still counts as taken.
    expect(await store.create(record({ sessionId: 'retry-me' }))).toEqual({
      kind: 'exists',
      runtimeId: failed.runtimeId,
    });
    const retry = record({ sessionId: 'retry-me' });
    expect((await store.create(retry, 1, failed.runtimeId)).kind).toBe('created');
    expect((await store.bySession('retry-me'))?.runtimeId).toBe(retry.runtimeId);
    expect(await redis.ttl('rt:session:retry-me')).toBe(-1);
  });

  it('serialises concurrent updates: none is lost', async () => {
    const store = new RuntimeStore(redis);
    const r = record();
    await store.create(r);
    await Promise.all(
      Array.from({ length: 10 }, () =>
        store.update(r.runtimeId, (c) => ({ ...c, restartCount: c.restartCount + 1 })),
      ),
    );
    expect(await store.get(r.runtimeId)).toMatchObject({ restartCount: 10, version: 11 });
  });

  it('claims a warm runtime for a session once; a second claim of the same version conflicts', async () => {
    const store = new RuntimeStore(redis);
    const warm = record({ owner: '', sessionId: 'pool-x', status: 'running' });
    expect((await store.create(warm)).kind).toBe('created');
    const next = { ...warm, owner: 'key-b', sessionId: 'claimed-session' };
    const claimed = await store.claim(warm, next);
    expect(claimed).toMatchObject({ kind: 'created', record: { version: 2, owner: 'key-b' } });
    expect(await store.claim(warm, { ...next, sessionId: 'other' })).toEqual({
      kind: 'conflict',
    });
    expect((await store.bySession('claimed-session'))?.runtimeId).toBe(warm.runtimeId);
    expect(await store.countOwned('key-b')).toBe(1);
  });

  it('hands each pooled runtime to exactly one of many concurrent takers', async () => {
    const pool = new WarmPoolQueue(redis);
    for (let i = 0; i < 5; i++) await pool.push('img|1', `warm-${i}`);
    const taken = await Promise.all(Array.from({ length: 20 }, () => pool.take('img|1')));
    const got = taken.filter((id): id is string => id !== undefined);
    expect(got.sort()).toEqual(['warm-0', 'warm-1', 'warm-2', 'warm-3', 'warm-4']);
  });

  it('lets one lock holder in at a time and frees the lock after the task', async () => {
    const locks = new RedisLocks(redis);
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(`${name}:in`);
      await new Promise((resolve) => setImmediate(resolve));
      order.push(`${name}:out`);
    };
    await Promise.all([
      locks.withLock('rt-1', { ttlMs: 5_000, waitMs: 5_000 }, task('a')),
      locks.withLock('rt-1', { ttlMs: 5_000, waitMs: 5_000 }, task('b')),
    ]);
    // No interleaving: each holder leaves before the other enters.
    const [first, second] = [order[0]?.split(':')[0], order[2]?.split(':')[0]];
    expect(order).toEqual([`${first}:in`, `${first}:out`, `${second}:in`, `${second}:out`]);
    expect(new Set([first, second])).toEqual(new Set(['a', 'b']));
  });

  it('gives up with LockTimeoutError while someone else holds the lock', async () => {
    const locks = new RedisLocks(redis);
    let release: () => void = () => undefined;
    const held = locks.withLock(
      'busy',
      { ttlMs: 5_000, waitMs: 0 },
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    await expect(
      locks.withLock('busy', { ttlMs: 5_000, waitMs: 50 }, () => Promise.resolve(1)),
    ).rejects.toBeInstanceOf(LockTimeoutError);
    expect(await locks.ifFree('busy', 5_000, () => Promise.resolve(1))).toBeUndefined();
    release();
    await held;
    expect(await locks.ifFree('busy', 5_000, () => Promise.resolve(2))).toBe(2);
  });

  it('allows a subject its limit per window and tells how long to wait after', async () => {
    const rates = new RateWindows(redis);
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await rates.hit('key-a', 3, 60));
    expect(decisions.slice(0, 3).every((d) => d.allowed)).toBe(true);
    expect(decisions[3]).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) });
    const last = decisions[3];
    expect(last && !last.allowed && last.retryAfterSeconds).toBeGreaterThan(0);
    expect((await rates.hit('key-b', 3, 60)).allowed).toBe(true);
  });
});
