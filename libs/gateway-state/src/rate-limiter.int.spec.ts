import { closeRedisClient, createRedisClient } from '@agentrt/redis';
import { testRedis } from './gateway-state.testing';
import { RateLimiter } from './rate-limiter';

const MINUTE = 60_000;

describe('RateLimiter (real Redis)', () => {
  let env: ReturnType<typeof testRedis>;
  let replica: ReturnType<typeof testRedis>;

  beforeEach(() => {
    env = testRedis();
    replica = testRedis(env.prefix); // a second connection = a second gateway replica
  });
  afterEach(async () => {
    await closeRedisClient(replica.redis);
    await env.cleanup();
  });

  it('admits exactly the limit under concurrency, counted across two replicas', async () => {
    const [here, there] = [new RateLimiter(env.redis), new RateLimiter(replica.redis)];
    const decisions = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? here : there).hit('key:racer', 25)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(25);
    const refused = decisions.find((d) => !d.allowed);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) });
  });

  it('keeps subjects apart and counts down what remains', async () => {
    const limiter = new RateLimiter(env.redis);
    expect(await limiter.hit('ip:a', 2)).toEqual({ allowed: true, remaining: 1 });
    expect(await limiter.hit('ip:a', 2)).toEqual({ allowed: true, remaining: 0 });
    expect((await limiter.hit('ip:a', 2)).allowed).toBe(false);
    expect(await limiter.hit('ip:b', 2)).toEqual({ allowed: true, remaining: 1 });
  });

  it('slides: the last window still weighs in after the boundary, then decays', async () => {
    let now = 10 * MINUTE + 50_000; // 50 s into a window
    const limiter = new RateLimiter(env.redis, { now: () => now });
    for (let i = 0; i < 10; i += 1) expect((await limiter.hit('key:slide', 10)).allowed).toBe(true);
    // Full: the next window frees room only as this one's weight decays (10 s + 6 s).
    expect(await limiter.hit('key:slide', 10)).toEqual({ allowed: false, retryAfterSeconds: 16 });
    now = 11 * MINUTE + 1_000; // just past the boundary: still ~10 counted
    expect((await limiter.hit('key:slide', 10)).allowed).toBe(false);
    now = 11 * MINUTE + 30_000; // half of the old window weighs in: 5 used
    const admitted = await Promise.all(
      Array.from({ length: 8 }, () => limiter.hit('key:slide', 10)),
    );
    expect(admitted.filter((d) => d.allowed)).toHaveLength(5);
  });
});

describe('RateLimiter without Redis', () => {
  it('fails open when Redis cannot answer', async () => {
    // A connection that is gone: every command fails, as while Redis is down.
    const gone = createRedisClient({ url: 'redis://127.0.0.1:6379', connectionName: 'edge-gone' });
    await closeRedisClient(gone);
    const limiter = new RateLimiter(gone, { timeoutMs: 200 });
    expect(await limiter.hit('key:any', 1)).toEqual({ allowed: true, remaining: 1 });
    expect(await limiter.hit('key:any', 1)).toEqual({ allowed: true, remaining: 1 });
  });
});
