import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { UNLOCK_SCRIPT } from './lua-scripts';

/** Thrown when a lock stays held by someone else for longer than the caller waits. */
export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}

export interface LockOptions {
  /** The lock frees itself after this long, so a crashed holder cannot block forever. */
  ttlMs: number;
  /** How long to wait for a held lock; 0 means try once. */
  waitMs: number;
  /** Pause between attempts while waiting. */
  retryMs?: number;
}

/**
 * Mutual exclusion across replicas: `SET NX PX` with a random token, released only by its holder.
 * Guards lifecycle changes of one runtime and the singleton jobs (reaper, pool refills).
 */
export class RedisLocks {
  constructor(private readonly redis: Redis) {}

  /** Runs `task` while holding `name`; LockTimeoutError when the lock cannot be had in time. */
  async withLock<T>(name: string, options: LockOptions, task: () => Promise<T>): Promise<T> {
    const token = await this.acquire(name, options);
    if (token === undefined) throw new LockTimeoutError(`lock ${name} is busy`);
    try {
      return await task();
    } finally {
      await this.redis.eval(UNLOCK_SCRIPT, 1, lockKey(name), token);
    }
  }

  /** Like withLock, but returns undefined at once when someone else holds the lock. */
  async ifFree<T>(name: string, ttlMs: number, task: () => Promise<T>): Promise<T | undefined> {
    try {
      return await this.withLock(name, { ttlMs, waitMs: 0 }, task);
    } catch (error) {
      if (error instanceof LockTimeoutError) return undefined;
      throw error;
    }
  }

  private async acquire(name: string, options: LockOptions): Promise<string | undefined> {
    const token = randomBytes(12).toString('hex');
    const deadline = Date.now() + options.waitMs;
    for (;;) {
      const ok = await this.redis.set(lockKey(name), token, 'PX', options.ttlMs, 'NX');
      if (ok === 'OK') return token;
      if (Date.now() >= deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 20));
    }
  }
}

function lockKey(name: string): string {
  return `rt:lock:${name}`;
}
