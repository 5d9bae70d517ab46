import { REDIS_CLIENT } from '@agentrt/redis';
import { type DynamicModule, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { BuildStore, type BuildStoreOptions } from './build-store';

/** Options of {@link BuildStateModule.forRoot}: the same as the store's. */
export type BuildStateOptions = BuildStoreOptions;

/**
 * Build records on the app's shared Redis connection (REDIS_CLIENT from RedisModule), for both
 * runtime-api and build-service.
 */
@Module({})
export class BuildStateModule {
  static forRoot(options: BuildStateOptions): DynamicModule {
    return {
      module: BuildStateModule,
      global: true,
      providers: [
        {
          provide: BuildStore,
          useFactory: (redis: Redis) => new BuildStore(redis, options),
          inject: [REDIS_CLIENT],
        },
      ],
      exports: [BuildStore],
    };
  }
}
