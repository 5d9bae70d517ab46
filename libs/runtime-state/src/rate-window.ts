import type Redis from 'ioredis';
import { RATE_SCRIPT } from './lua-scripts';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Fixed-window rate limits shared by all replicas: at most `limit` hits per `windowSeconds` for
 * one subject (an API key id). Denied hits still count, so hammering does not help.
 */
export class RateWindows {
  constructor(private readonly redis: Redis) {}

  async hit(subject: string, limit: number, windowSeconds: number): Promise<RateDecision> {
    const [count, ttl] = (await this.redis.eval(
      RATE_SCRIPT,
      1,
      `rt:rate:${subject}`,
      String(windowSeconds),
    )) as [number, number];
    if (count <= limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, ttl) };
  }
}
