import { REDIS_CLIENT } from '@agentrt/redis';
import { type DynamicModule, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateWindows } from './rate-window';
import { RedisLocks } from './redis-lock';
import { RuntimeStore } from './runtime-store';
import { WarmPoolQueue } from './warm-pool-queue';

export interface RuntimeStateOptions {
  /** How long stopped or failed runtimes stay visible. */
  retentionSeconds: number;
}

/** The Redis-backed state of runtime-api, on the app's shared Redis connection. */
@Module({})
export class RuntimeStateModule {
  static forRoot(options: RuntimeStateOptions): DynamicModule {
    const inject = [REDIS_CLIENT];
    return {
      module: RuntimeStateModule,
      global: true,
      providers: [
        {
          provide: RuntimeStore,
          useFactory: (redis: Redis) => new RuntimeStore(redis, options.retentionSeconds),
          inject,
        },
        { provide: RedisLocks, useFactory: (redis: Redis) => new RedisLocks(redis), inject },
        { provide: RateWindows, useFactory: (redis: Redis) => new RateWindows(redis), inject },
        { provide: WarmPoolQueue, useFactory: (redis: Redis) => new WarmPoolQueue(redis), inject },
      ],
      exports: [RuntimeStore, RedisLocks, RateWindows, WarmPoolQueue],
    };
  }
}
