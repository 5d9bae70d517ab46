import type { ProxyTarget } from '@agentrt/runtime-proxy';
import type { RuntimeChangeListener } from './runtime-changes';

export interface TargetCacheOptions {
  /** Longest an entry is served; a backstop for an announcement lost without the link dropping. */
  maxAgeMs: number;
  /** Most runtimes held; the oldest entry goes first. */
  maxEntries: number;
  now?: () => number;
}

interface Entry {
  target: ProxyTarget;
  expiresAt: number;
}

/**
 * The running runtimes' proxy targets, so a proxied request costs no Redis round trip. Correct
 * only while it hears every record write (`RuntimeChangeFeed`):
 * - an announced runtime is dropped, and a lookup that was in flight at any announcement is not
 *   stored (its answer may predate the write: replies and announcements come on two connections);
 * - while the subscription is down nothing is served or stored, and the cache starts empty once it
 *   is back, so writes announced meanwhile cannot leave a stale entry;
 * - only `running` targets are kept: any other state is read afresh, so a paused runtime is
 *   resumed, and a new one found, exactly as without the cache.
 */
export class TargetCache implements RuntimeChangeListener {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every announcement and link change: a lookup stores only if it is unchanged. */
  private generation = 0;
  private listeningNow = false;
  private readonly now: () => number;

  constructor(
    private readonly load: (runtimeId: string) => Promise<ProxyTarget | undefined>,
    private readonly options: TargetCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async get(runtimeId: string): Promise<ProxyTarget | undefined> {
    const entry = this.entries.get(runtimeId);
    if (entry && this.listeningNow && entry.expiresAt > this.now()) return entry.target;
    const generation = this.generation;
    const target = await this.load(runtimeId);
    if (target?.state === 'running' && this.listeningNow && generation === this.generation) {
      this.store(runtimeId, target);
    }
    return target;
  }

  get size(): number {
    return this.entries.size;
  }

  changed(runtimeId: string): void {
    this.generation++;
    this.entries.delete(runtimeId);
  }

  lost(): void {
    this.listeningNow = false;
    this.generation++;
    this.entries.clear();
  }

  listening(): void {
    this.generation++;
    this.entries.clear();
    this.listeningNow = true;
  }

  private store(runtimeId: string, target: ProxyTarget): void {
    this.entries.delete(runtimeId); // re-inserted last, so Map order stays oldest first
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(runtimeId, { target, expiresAt: this.now() + this.options.maxAgeMs });
  }
}
