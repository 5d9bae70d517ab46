import type { RedisOptions } from 'ioredis';

export interface QueueConnectionOptions {
  url: string;
  /** BullMQ key prefix (`QUEUE_PREFIX`); isolates deployments and tests on one Redis. */
  prefix: string;
}

export const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');

/**
 * BullMQ opens (and closes) its own connections from these options: workers and event listeners
 * block, so they cannot share the app's general-purpose client.
 */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace('/', '');
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: db ? Number(db) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
  };
}
