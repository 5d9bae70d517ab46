import { randomUUID } from 'node:crypto';
import { toErrorResponse } from '@agentrt/platform';
import type Redis from 'ioredis';
import { closeRedisClient, createRedisClient } from './redis-client';
import { RedisHealthIndicator } from './redis-health.indicator';

// eslint-disable-next-line no-restricted-properties -- the test command says where Redis runs
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('Redis client and health (real Redis)', () => {
  const clients: Redis[] = [];
  const client = (url: string, keyPrefix?: string) => {
    const created = createRedisClient({ url, keyPrefix, connectionName: 'redis-int-test' });
    clients.push(created);
    return created;
  };

  afterEach(async () => {
    await Promise.all(clients.splice(0).map(closeRedisClient));
  });

  it('reports up with a latency when Redis answers', async () => {
    const check = await new RedisHealthIndicator(client(REDIS_URL)).check();
    expect(check.status).toBe('up');
    expect(check.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('reports down, without throwing, when nothing listens', async () => {
    const check = await new RedisHealthIndicator(client('redis://127.0.0.1:1')).check();
    expect(check).toMatchObject({ status: 'down' });
    expect(check.error).toEqual(expect.any(String));
  });

  it('fails a command fast while nothing listens, which the apps answer as 503, not 500', async () => {
    const error = await client('redis://127.0.0.1:1')
      .get('probe')
      .catch((thrown: unknown) => thrown);
    expect(toErrorResponse(error, 'r')).toMatchObject({
      status: 503,
      body: { code: 'service_unavailable', request_id: 'r' },
      headers: { 'Retry-After': '1' },
    });
  });

  it('keeps every key under the configured prefix', async () => {
    const prefix = `int-${randomUUID().slice(0, 8)}`;
    await client(REDIS_URL, prefix).set('probe', 'v', 'EX', 60);
    const raw = client(REDIS_URL);
    expect(await raw.get(`${prefix}:probe`)).toBe('v');
    await raw.del(`${prefix}:probe`);
  });
});
