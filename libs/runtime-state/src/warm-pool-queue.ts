import type Redis from 'ioredis';

/**
 * The ready, unclaimed runtimes of each warm pool, as Redis lists of runtime ids. `LPOP` is
 * atomic, so two concurrent starts on any replicas never get the same runtime.
 */
export class WarmPoolQueue {
  constructor(private readonly redis: Redis) {}

  async push(poolKey: string, runtimeId: string): Promise<void> {
    await this.redis.rpush(listKey(poolKey), runtimeId);
  }

  /** Takes the oldest ready runtime, or undefined when the pool is empty. */
  async take(poolKey: string): Promise<string | undefined> {
    return (await this.redis.lpop(listKey(poolKey))) ?? undefined;
  }

  /** Puts a taken runtime back at the front (its claim did not go through). */
  async giveBack(poolKey: string, runtimeId: string): Promise<void> {
    await this.redis.lpush(listKey(poolKey), runtimeId);
  }

  async remove(poolKey: string, runtimeId: string): Promise<void> {
    await this.redis.lrem(listKey(poolKey), 0, runtimeId);
  }

  async members(poolKey: string): Promise<string[]> {
    return await this.redis.lrange(listKey(poolKey), 0, -1);
  }
}

function listKey(poolKey: string): string {
  return `rt:pool:${poolKey}`;
}
