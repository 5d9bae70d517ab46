import { REDIS_CLIENT } from '@agentrt/redis';
import { type DynamicModule, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { AgentStore } from './agent-store';
import { ApiKeyStore } from './api-key-store';
import { RateLimiter } from './rate-limiter';
import { RunLocks } from './run-locks';
import { RunStore, type RunStoreOptions } from './run-store';

export type GatewayStateOptions = RunStoreOptions;

/** The gateway's shared state (agents, runs, API keys, rate-limit counters) on the app's Redis connection (RedisModule). */
@Module({})
export class GatewayStateModule {
  static forRoot(options: GatewayStateOptions): DynamicModule {
    return {
      module: GatewayStateModule,
      global: true,
      providers: [
        {
          provide: AgentStore,
          useFactory: (redis: Redis) => new AgentStore(redis),
          inject: [REDIS_CLIENT],
        },
        {
          provide: ApiKeyStore,
          useFactory: (redis: Redis) => new ApiKeyStore(redis),
          inject: [REDIS_CLIENT],
        },
        {
          provide: RateLimiter,
          useFactory: (redis: Redis) => new RateLimiter(redis),
          inject: [REDIS_CLIENT],
        },
        {
          provide: RunStore,
          useFactory: (redis: Redis) => new RunStore(redis, options),
          inject: [REDIS_CLIENT],
        },
        {
          provide: RunLocks,
          useFactory: (redis: Redis) => new RunLocks(redis),
          inject: [REDIS_CLIENT],
        },
      ],
      exports: [AgentStore, RunStore, RunLocks, ApiKeyStore, RateLimiter],
    };
  }
}
