import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { SLIDING_WINDOW_SCRIPT } from './rate-limit.lua';

export type RateDecision =
  { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiterOptions {
  windowMs?: number;
  /** A slow Redis must not slow every request; past this the limiter fails open. */
  timeoutMs?: number;
  now?: () => number;
}

const WARN_INTERVAL_MS = 30_000;

/**
 * Per-subject request limits in Redis, shared by all gateway replicas. When Redis is down or slow
 * the request is ADMITTED (fail open) with a throttled warning: rate limits protect capacity,
 * and refusing all traffic because the counter store is down would be the bigger outage.
 */
export class RateLimiter {
  private readonly windowMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly logger = new Logger('RateLimit');
  private lastWarned = -Infinity;

  constructor(
    private readonly redis: Redis,
    options: RateLimiterOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 500;
    this.now = options.now ?? Date.now;
  }

  /** Counts one hit of `subject` (e.g. `key:<id>` or `ip:<addr>`) against `limit` per window. */
  async hit(subject: string, limit: number): Promise<RateDecision> {
    try {
      return await this.withTimeout(this.evaluate(subject, limit));
    } catch (error) {
      this.warnFailOpen(subject, error);
      return { allowed: true, remaining: limit };
    }
  }

  private async evaluate(subject: string, limit: number): Promise<RateDecision> {
    const now = this.now();
    const window = Math.floor(now / this.windowMs);
    const [admitted, value] = (await this.redis.eval(
      SLIDING_WINDOW_SCRIPT,
      2,
      `ratelimit:${subject}:${window}`,
      `ratelimit:${subject}:${window - 1}`,
      String(limit),
      String(this.windowMs),
      String(now - window * this.windowMs),
    )) as [number, number];
    return admitted === 1
      ? { allowed: true, remaining: value }
      : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(value / 1000)) };
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer in ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private warnFailOpen(subject: string, error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarned < WARN_INTERVAL_MS) return;
    this.lastWarned = now;
    const err = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      { err, subject },
      'rate limit store unavailable; admitting requests (fail open)',
    );
  }
}
