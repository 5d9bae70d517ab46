import { closeRedisClient } from '@agentrt/redis';
import type { Logger } from '@nestjs/common';
import type Redis from 'ioredis';

/**
 * Subscribes to one channel on a dedicated connection (a subscribed connection can run no other
 * command) and returns the function that unsubscribes and closes it (safe to call twice).
 */
export async function subscribeChannel(
  redis: Redis,
  channel: string,
  onMessage: (message: string) => void,
  logger: Logger,
): Promise<() => Promise<void>> {
  const subscriber = redis.duplicate();
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    // A throwing handler must not break the connection for the messages after it.
    try {
      onMessage(message);
    } catch (error) {
      logger.warn({ err: String(error), channel, message }, 'channel handler failed');
    }
  });
  try {
    await subscriber.subscribe(channel);
  } catch (error) {
    await closeRedisClient(subscriber);
    throw error;
  }
  // Idempotent, so a test's cleanup and the code under test may both call it.
  let closing: Promise<void> | undefined;
  return async () => {
    closing ??= unsubscribeAndClose(subscriber, channel);
    await closing;
  };
}

async function unsubscribeAndClose(subscriber: Redis, channel: string): Promise<void> {
  try {
    await subscriber.unsubscribe(channel);
  } finally {
    await closeRedisClient(subscriber);
  }
}
