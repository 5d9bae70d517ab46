import { RuntimeApiClient } from '@agentrt/client';
import type { ProxyTarget } from '@agentrt/runtime-proxy';
import { closeRedisClient, createRedisClient } from '@agentrt/redis';
import { proxyTargetOf, RuntimeChangeFeed, RuntimeStore } from '@agentrt/runtime-state';
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { GatewayTargetResolver } from './gateway-target.resolver';
import { RuntimeResumer } from './runtime-resumer';
import { TargetCache } from './target-cache';

/** runtime-api's records live under its own prefix, so the proxy has its own connection. */
const RUNTIME_STATE_REDIS = Symbol('RUNTIME_STATE_REDIS');
/** Follows record writes for the target cache; undefined when the cache is off. */
const RUNTIME_CHANGE_FEED = Symbol('RUNTIME_CHANGE_FEED');
const POLL_MS = 100;
/** About 300 bytes each: a bound, not a tuning knob. */
const MAX_CACHED_TARGETS = 10_000;

const redisOptions = (config: GatewayConfig, connectionName: string) => ({
  url: config.REDIS_URL,
  keyPrefix: config.RUNTIME_STATE_KEY_PREFIX ?? config.REDIS_KEY_PREFIX,
  connectionName,
});

const lookupTarget =
  (store: RuntimeStore, config: GatewayConfig) =>
  async (id: string): Promise<ProxyTarget | undefined> =>
    proxyTargetOf(await store.get(id), config.AGENT_SERVER_PORT);

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
      provide: RuntimeResumer,
      inject: [RuntimeStore, GATEWAY_CONFIG],
      useFactory: (store: RuntimeStore, config: GatewayConfig) => {
        const runtimeApi = new RuntimeApiClient({
          baseUrl: config.RUNTIME_API_URL,
          apiKey: config.RUNTIME_API_KEY,
          // runtime-api's /resume answers once the agent server is alive again.
          timeoutMs: config.PROXY_RESUME_TIMEOUT_SECONDS * 1000,
        });
        const deps = {
          lookup: lookupTarget(store, config),
          resume: (id: string) => runtimeApi.resume(id),
        };
        const timeoutMs = config.PROXY_RESUME_TIMEOUT_SECONDS * 1000;
        return new RuntimeResumer(deps, { timeoutMs, pollMs: POLL_MS });
      },
    },
    {
      provide: TargetCache,
      inject: [RuntimeStore, GATEWAY_CONFIG],
      useFactory: (store: RuntimeStore, config: GatewayConfig) =>
        new TargetCache(lookupTarget(store, config), {
          maxAgeMs: config.PROXY_TARGET_CACHE_MS,
          maxEntries: MAX_CACHED_TARGETS,
        }),
    },
    {
      // Without a feed the cache never hears `listening`, so it reads every target from Redis.
      provide: RUNTIME_CHANGE_FEED,
      inject: [TargetCache, GATEWAY_CONFIG],
      useFactory: (cache: TargetCache, config: GatewayConfig) =>
        config.PROXY_TARGET_CACHE_MS === 0
          ? undefined
          : RuntimeChangeFeed.follow(
              createRedisClient(redisOptions(config, 'gateway-runtime-changes')),
              cache,
            ),
    },
    GatewayTargetResolver,
  ],
  exports: [GatewayTargetResolver],
})
export class RuntimeProxyModule implements OnApplicationShutdown {
  constructor(
    @Inject(RUNTIME_STATE_REDIS) private readonly redis: Redis,
    @Inject(RUNTIME_CHANGE_FEED) private readonly feed: RuntimeChangeFeed | undefined,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([closeRedisClient(this.redis), this.feed?.close()]);
  }
}
