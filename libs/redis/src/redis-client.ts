import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

export interface RedisConnectionOptions {
  url: string;
  /** Prepended to every key, so deployments and tests sharing one Redis never collide. */
  keyPrefix?: string;
  /** Shows in `CLIENT LIST`, which makes a leaking service easy to spot. */
  connectionName: string;
}

const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * A client that keeps retrying (capped backoff) rather than giving up, so an app survives a Redis
 * restart without being restarted itself; commands fail fast meanwhile so health turns `down`.
 */
export function createRedisClient(
  options: RedisConnectionOptions,
  logger = new Logger('Redis'),
): Redis {
  const client = new Redis(options.url, {
    connectionName: options.connectionName,
    keyPrefix: options.keyPrefix ? `${options.keyPrefix}:` : undefined,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let lastLogged = 0;
  client.on('error', (error: Error) => {
    const now = Date.now();
    if (now - lastLogged < ERROR_LOG_INTERVAL_MS) return;
    lastLogged = now;
    logger.warn(
      { err: error.message, connection: options.connectionName },
      'redis connection error',
    );
  });
  return client;
}

/** `QUIT` politely, falling back to a hard disconnect if Redis is already gone. */
export async function closeRedisClient(client: Redis): Promise<void> {
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
