import { RuntimeApiClient } from '@agentrt/client';
import { closeRedisClient, createRedisClient } from '@agentrt/redis';
import { LiveTargets, RuntimeStore } from '@agentrt/runtime-state';
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { GatewayTargetResolver } from './gateway-target.resolver';
import { RuntimeResumer } from './runtime-resumer';

/** runtime-api's records live under its own prefix, so the proxy has its own connection. */
const RUNTIME_STATE_REDIS = Symbol('RUNTIME_STATE_REDIS');
const POLL_MS = 100;

const redisOptions = (config: GatewayConfig, connectionName: string) => ({
  url: config.REDIS_URL,
  keyPrefix: config.RUNTIME_STATE_KEY_PREFIX ?? config.REDIS_KEY_PREFIX,
  connectionName,
});

/** The resolver behind the gateway's runtime proxy (mounted in main.ts, ahead of the parsers). */
@Module({
  providers: [
    {
      provide: RUNTIME_STATE_REDIS,
      inject: [GATEWAY_CONFIG],
      // Not auto-pipelined: its batches outlive young-generation collections, which then copy
      // and promote ~7x more (1.1 MB against 154 KB a scavenge) and pause the proxy for 7.2 ms
      // against 2.2 ms at the median under B4's load; that pause is its tail latency.
      useFactory: (config: GatewayConfig) =>
        createRedisClient(redisOptions(config, 'gateway-runtime-proxy')),
    },
    {
      provide: RuntimeStore,
      inject: [RUNTIME_STATE_REDIS],
      useFactory: (redis: Redis) => new RuntimeStore(redis),
    },
    {
      provide: LiveTargets,
      inject: [RuntimeStore, GATEWAY_CONFIG],
      useFactory: (store: RuntimeStore, config: GatewayConfig) =>
        LiveTargets.open({
          store,
          agentServerPort: config.AGENT_SERVER_PORT,
          maxAgeMs: config.PROXY_TARGET_CACHE_MS,
          connectSubscriber: () =>
            createRedisClient(redisOptions(config, 'gateway-runtime-changes')),
        }),
    },
    {
      provide: RuntimeResumer,
      inject: [LiveTargets, GATEWAY_CONFIG],
      useFactory: (targets: LiveTargets, config: GatewayConfig) => {
        const runtimeApi = new RuntimeApiClient({
          baseUrl: config.RUNTIME_API_URL,
          apiKey: config.RUNTIME_API_KEY,
          // runtime-api's /resume answers once the agent server is alive again.
          timeoutMs: config.PROXY_RESUME_TIMEOUT_SECONDS * 1000,
        });
        const deps = {
          // Not through the cache: a resume is waited for by reading the record afresh.
          lookup: targets.fresh,
          resume: (id: string) => runtimeApi.resume(id),
        };
        const timeoutMs = config.PROXY_RESUME_TIMEOUT_SECONDS * 1000;
        return new RuntimeResumer(deps, { timeoutMs, pollMs: POLL_MS });
      },
    },
    GatewayTargetResolver,
  ],
  exports: [GatewayTargetResolver],
})
export class RuntimeProxyModule implements OnApplicationShutdown {
  constructor(
    @Inject(RUNTIME_STATE_REDIS) private readonly redis: Redis,
    private readonly targets: LiveTargets,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([closeRedisClient(this.redis), this.targets.close()]);
  }
}
