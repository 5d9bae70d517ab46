import { randomUUID } from 'node:crypto';
import { closeRedisClient, createRedisClient } from '@agentrt/redis';
import type Redis from 'ioredis';

// eslint-disable-next-line no-restricted-properties -- the test command says where Redis runs
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A real Redis client under a key prefix of its own; `cleanup` deletes its keys and closes it. */
export function testRedis(prefix = `gw-test-${randomUUID().slice(0, 8)}`): {
  redis: Redis;
  prefix: string;
  cleanup: () => Promise<void>;
} {
  const redis = createRedisClient({ url: REDIS_URL, keyPrefix: prefix, connectionName: prefix });
  const cleanup = async () => {
    const keys = await redis.keys(`${prefix}:*`); // KEYS ignores the client prefix on patterns
    if (keys.length > 0) await redis.del(...keys.map((key) => key.slice(prefix.length + 1)));
    await closeRedisClient(redis);
  };
  return { redis, prefix, cleanup };
}
