import type { HealthCheck } from '@agentrt/contracts';
import { type HealthIndicator, timedCheck } from '@agentrt/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS_CLIENT } from './redis.tokens';

/** `redis: up` when a PING answers within the health timeout. */
@Injectable()
export class RedisHealthIndicator implements HealthIndicator {
  readonly name = 'redis';

  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  check(): Promise<HealthCheck> {
    return timedCheck(() => this.redis.ping());
  }
}
