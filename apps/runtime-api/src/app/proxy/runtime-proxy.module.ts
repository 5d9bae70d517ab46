import { createRedisClient } from '@agentrt/redis';
import { LiveTargets, RuntimeStore } from '@agentrt/runtime-state';
import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { RUNTIME_API_CONFIG, type RuntimeApiConfig } from '../config/runtime-api.config';
import { RuntimeTargetResolverService } from './runtime-target.resolver';

/** The resolver the runtime proxy (mounted in main.ts, ahead of the body parsers) asks. */
@Module({
  providers: [
    {
      provide: LiveTargets,
      inject: [RuntimeStore, RUNTIME_API_CONFIG],
      useFactory: (store: RuntimeStore, config: RuntimeApiConfig) =>
        LiveTargets.open({
          store,
          agentServerPort: config.AGENT_SERVER_PORT,
          maxAgeMs: config.PROXY_TARGET_CACHE_MS,
          connectSubscriber: () =>
            createRedisClient({
              url: config.REDIS_URL,
              keyPrefix: config.REDIS_KEY_PREFIX,
              connectionName: 'runtime-api-runtime-changes',
            }),
        }),
    },
    RuntimeTargetResolverService,
  ],
  exports: [RuntimeTargetResolverService],
})
export class RuntimeProxyModule implements OnApplicationShutdown {
  constructor(private readonly targets: LiveTargets) {}

  async onApplicationShutdown(): Promise<void> {
    await this.targets.close();
  }
}
