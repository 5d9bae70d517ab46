import { hashApiKey } from '@agentrt/platform';
import { closeRedisClient } from '@agentrt/redis';
import { ApiKeyStore } from './api-key-store';
import { testRedis } from './gateway-state.testing';

describe('ApiKeyStore (real Redis)', () => {
  let env: ReturnType<typeof testRedis>;
  let replica: ReturnType<typeof testRedis>;

  beforeEach(async () => {
    env = testRedis();
    replica = testRedis(env.prefix);
    await Promise.all([env.redis.ping(), replica.redis.ping()]);
  });
  afterEach(async () => {
    await closeRedisClient(replica.redis);
    await env.cleanup();
  });

  it('returns the key once, stores only its hash, and finds it by the key', async () => {
    const store = new ApiKeyStore(env.redis, () => new Date('2026-01-02T03:04:05.000Z'));
    const created = await store.create('ci bot', ['run', 'debug']);
    expect(created).toEqual({
      id: hashApiKey(created.key).slice(0, 16),
      name: 'ci bot',
      scopes: ['run', 'debug'],
      created_at: '2026-01-02T03:04:05.000Z',
      key: expect.stringMatching(/^agrt_[A-Za-z0-9_-]{43}$/),
    });
    const stored = JSON.stringify(await env.redis.hgetall('gateway:api-keys'));
    expect(stored).not.toContain(created.key);
    const { key, ...view } = created;
    expect(await store.find(key)).toEqual(view);
    expect(await store.find(`${key}x`)).toBeUndefined();
    expect(await store.list()).toEqual([view]);
  });

  it('never lists secrets, and a deletion holds on every replica at once', async () => {
    const [here, there] = [new ApiKeyStore(env.redis), new ApiKeyStore(replica.redis)];
    const first = await here.create('first', ['run']);
    const second = await here.create('second', ['admin']);
    expect((await there.list()).map((k) => Object.keys(k).sort())).toEqual([
      ['created_at', 'id', 'name', 'scopes'],
      ['created_at', 'id', 'name', 'scopes'],
    ]);
    expect(await there.find(first.key)).toMatchObject({ name: 'first' });
    expect(await here.delete(first.id)).toBe(true);
    expect(await there.find(first.key)).toBeUndefined();
    expect(await there.find(second.key)).toMatchObject({ name: 'second' });
    expect(await there.delete(first.id)).toBe(false);
  });
});
