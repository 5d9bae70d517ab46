import type { ProxyTarget } from '@agentrt/runtime-proxy';
import type Redis from 'ioredis';
import { proxyTargetOf } from './proxy-target';
import { RuntimeChangeFeed } from './runtime-changes';
import type { RuntimeStore } from './runtime-store';
import { TargetCache } from './target-cache';

/** About 300 bytes each: a bound, not a tuning knob. */
const MAX_CACHED_TARGETS = 10_000;

export interface LiveTargetsOptions {
  store: RuntimeStore;
  /** runtime-api's AGENT_SERVER_PORT: which of a runtime's endpoints is its agent server. */
  agentServerPort: number;
  /** Longest a running target is served from cache (PROXY_TARGET_CACHE_MS); 0 = no cache. */
  maxAgeMs: number;
  /** Opens the subscribing connection: same Redis and key prefix as the store's client. */
  connectSubscriber: () => Redis;
}

/**
 * The runtime proxy's view of runtime records, for runtime-api and the gateway alike: a
 * `TargetCache` kept fresh by a `RuntimeChangeFeed`, or plain reads when the cache is off.
 */
export class LiveTargets {
  private constructor(
    private readonly cache: TargetCache,
    private readonly feed: RuntimeChangeFeed | undefined,
    /** Reads the record itself, bypassing the cache. */
    readonly fresh: (runtimeId: string) => Promise<ProxyTarget | undefined>,
  ) {}

  static open(options: LiveTargetsOptions): LiveTargets {
    const lookup = async (id: string) =>
      proxyTargetOf(await options.store.get(id), options.agentServerPort);
    const cache = new TargetCache(lookup, {
      maxAgeMs: options.maxAgeMs,
      maxEntries: MAX_CACHED_TARGETS,
    });
    // Without a feed the cache never hears `listening`, so it reads every target from Redis.
    const feed =
      options.maxAgeMs === 0
        ? undefined
        : RuntimeChangeFeed.follow(options.connectSubscriber(), cache);
    return new LiveTargets(cache, feed, lookup);
  }

  get(runtimeId: string): Promise<ProxyTarget | undefined> {
    return this.cache.get(runtimeId);
  }

  async close(): Promise<void> {
    await this.feed?.close();
  }
}
