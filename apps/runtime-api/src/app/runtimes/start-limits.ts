import { ApiException } from '@agentrt/platform';
import { RateWindows } from '@agentrt/runtime-state';
import { Inject, Injectable } from '@nestjs/common';
import { RUNTIME_API_CONFIG, type RuntimeApiConfig } from '../config/runtime-api.config';

/** Seconds a key at its live-runtime limit is told to wait: long enough for a stop to land. */
const LIVE_LIMIT_RETRY_AFTER_SECONDS = 30;

/** Per-key limits on `/start`: a start rate and a maximum of live runtimes (429 + Retry-After). */
@Injectable()
export class StartLimits {
  constructor(
    private readonly rates: RateWindows,
    @Inject(RUNTIME_API_CONFIG) private readonly config: RuntimeApiConfig,
  ) {}

  /** The most live runtimes one key may hold; 0 means no limit. */
  get maxLivePerKey(): number {
    return this.config.MAX_RUNTIMES_PER_KEY;
  }

  async checkStartRate(keyId: string): Promise<void> {
    const limit = this.config.START_RATE_PER_MINUTE;
    if (limit === 0) return;
    const decision = await this.rates.hit(`start:${keyId}`, limit, 60);
    if (decision.allowed) return;
    throw new ApiException(
      429,
      `Too many starts: at most ${limit} per minute for this API key; retry in ${decision.retryAfterSeconds} s`,
      'rate_limited',
      {},
      { 'Retry-After': String(decision.retryAfterSeconds) },
    );
  }

  liveLimitReached(): ApiException {
    return new ApiException(
      429,
      `This API key already holds its maximum of ${this.maxLivePerKey} live runtimes; stop one first`,
      'rate_limited',
      {},
      { 'Retry-After': String(LIVE_LIMIT_RETRY_AFTER_SECONDS) },
    );
  }
}
