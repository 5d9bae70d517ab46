import { randomBytes } from 'node:crypto';
import {
  poolKeyOf,
  RedisLocks,
  type RuntimeRecord,
  RuntimeStore,
  WarmPoolQueue,
} from '@agentrt/runtime-state';
import { RuntimeManager } from '@agentrt/runtime-backends';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  RUNTIME_API_CONFIG,
  type RuntimeApiConfig,
  type WarmPoolConfig,
} from '../config/runtime-api.config';
import { AgentServerClient } from '../runtimes/agent-server.client';
import { newRuntimeRecord } from '../runtimes/new-record';
import { newSessionApiKey } from '../runtimes/runtime-ids';
import { RuntimeLauncher } from '../runtimes/runtime-launcher';
import { type LaunchRequest, runtimeSpecOf } from '../runtimes/runtime-spec';

export type ClaimResult =
  | { kind: 'claimed'; record: RuntimeRecord }
  | { kind: 'exists'; runtimeId: string }
  | { kind: 'limited' }
  /** No warm runtime: boot one, replacing `replacing` (a discarded claim's, or the caller's). */
  | { kind: 'none'; replacing: string };

/** A claim whose runtime failed its init: the session now points at it, so the next replaces it. */
type Attempt = ClaimResult | { kind: 'discarded'; runtimeId: string } | undefined;

/** Who a claimed runtime is for. */
export interface Claimant {
  sessionId: string;
  owner: string;
  /** The session's failed runtime this claim replaces ('' for none). */
  replacing: string;
}

/** How long a pool waits after a failed boot before it boots again. */
const FAILED_BOOT_BACKOFF_MS = 30_000;

/** How often pools are topped up even without claims (after crashes, reaps, restarts). */
const REFILL_INTERVAL_MS = 2_000;

/**
 * Warm pools: per (image, resource_factor), `size` runtimes booted ahead and waiting unclaimed.
 * `/start` takes one atomically (a Redis list pop), gives it the session key and environment
 * through the agent server's one-time `POST /init`, and the pool refills in the background, at
 * most `max` boots at a time; one replica refills a pool at a time (Redis lock).
 */
@Injectable()
export class WarmPools implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WarmPools.name);
  private timer?: NodeJS.Timeout;
  private readonly refilling = new Set<Promise<unknown>>();
  /** Pools whose last boot failed rest until then (epoch ms). */
  private readonly pausedUntil = new Map<string, number>();

  constructor(
    private readonly store: RuntimeStore,
    private readonly queue: WarmPoolQueue,
    private readonly locks: RedisLocks,
    private readonly manager: RuntimeManager,
    private readonly launcher: RuntimeLauncher,
    private readonly agentServers: AgentServerClient,
    @Inject(RUNTIME_API_CONFIG) private readonly config: RuntimeApiConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.WARM_POOLS.length === 0) return;
    this.refillAll();
    this.timer = setInterval(() => this.refillAll(), REFILL_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await Promise.allSettled([...this.refilling]);
  }

  /** Claims a ready warm runtime matching the request, if a pool serves it. */
  async claim(launch: LaunchRequest, claimant: Claimant): Promise<ClaimResult> {
    const pool = this.poolFor(launch);
    if (!pool) return { kind: 'none', replacing: claimant.replacing };
    const key = poolKeyOf(pool.image, pool.resource_factor);
    let current = claimant;
    try {
      for (;;) {
        const runtimeId = await this.queue.take(key);
        if (runtimeId === undefined) return { kind: 'none', replacing: current.replacing };
        const result = await this.claimOne(key, runtimeId, current, launch.environment);
        if (result?.kind === 'discarded') current = { ...current, replacing: result.runtimeId };
        else if (result) return result;
      }
    } finally {
      this.refillSoon(pool);
    }
  }

  /** Only plain requests match a pool: anything that changes how the runtime boots goes cold. */
  private poolFor(launch: LaunchRequest): WarmPoolConfig | undefined {
    const plain =
      launch.command === undefined &&
      launch.workingDir === undefined &&
      launch.runAsUser === undefined &&
      launch.runAsGroup === undefined &&
      launch.fsGroup === undefined &&
      launch.runtimeClass === undefined &&
      launch.pullPolicy !== 'Always';
    if (!plain) return undefined;
    return this.config.WARM_POOLS.find(
      (p) => p.image === launch.image && p.resource_factor === launch.resourceFactor,
    );
  }

  /**
   * undefined: this runtime could not be used (gone, taken); `discarded`: it was claimed but
   * failed its init. Either way the caller takes the next. The runtime booted without the
   * request's environment, so init hands it over.
   */
  private async claimOne(
    key: string,
    runtimeId: string,
    claimant: Claimant,
    environment: Record<string, string> | undefined,
  ): Promise<Attempt> {
    const current = await this.store.get(runtimeId);
    if (!current?.pool || current.status !== 'running' || !current.handle) return undefined;
    const now = new Date().toISOString();
    const next: RuntimeRecord = {
      ...current,
      sessionId: claimant.sessionId,
      owner: claimant.owner,
      sessionApiKey: newSessionApiKey(),
      createdAt: now,
      activeSince: now,
      pool: undefined,
    };
    const outcome = await this.store.claim(
      current,
      next,
      this.config.MAX_RUNTIMES_PER_KEY,
      claimant.replacing,
    );
    if (outcome.kind === 'exists' || outcome.kind === 'limited') {
      await this.queue.giveBack(key, runtimeId);
      return outcome;
    }
    if (outcome.kind === 'conflict') return undefined;
    try {
      const agentUrl = current.handle.endpoints[this.config.AGENT_SERVER_PORT] ?? '';
      await this.agentServers.init(agentUrl, current.pool.initApiKey, {
        session_api_key: next.sessionApiKey,
        environment,
      });
      return outcome.kind === 'created' ? { kind: 'claimed', record: outcome.record } : undefined;
    } catch (error) {
      this.logger.warn(
        { runtime_id: runtimeId, err: error },
        'warm runtime init failed; removing it',
      );
      await this.discard(runtimeId);
      return { kind: 'discarded', runtimeId };
    }
  }

  private async discard(runtimeId: string): Promise<void> {
    const record = await this.store.update(runtimeId, (r) => ({
      ...r,
      status: 'error',
      podStatus: 'failed',
      failure: { reason: 'init_failed', message: 'the warm runtime did not accept its init call' },
    }));
    if (record?.handle) await this.manager.stop(record.handle).catch(() => undefined);
  }

  private refillAll(): void {
    for (const pool of this.config.WARM_POOLS) this.refillSoon(pool);
  }

  private refillSoon(pool: WarmPoolConfig): void {
    const task = this.refill(pool).catch((error: unknown) =>
      this.logger.warn({ pool: pool.image, err: error }, 'warm pool refill failed'),
    );
    this.refilling.add(task);
    void task.finally(() => this.refilling.delete(task));
  }

  /** Boots the missing runtimes of one pool; only one replica does this for a pool at a time. */
  private async refill(pool: WarmPoolConfig): Promise<void> {
    const key = poolKeyOf(pool.image, pool.resource_factor);
    if ((this.pausedUntil.get(key) ?? 0) > Date.now()) return;
    const boots = await this.locks.ifFree(`pool:${key}`, 10_000, async () => {
      const members = (await this.store.listLive()).filter((r) => r.pool?.key === key);
      const booting = members.filter((r) => r.status === 'starting').length;
      const missing = Math.min(pool.size - members.length, pool.max - booting);
      return await Promise.all(
        Array.from({ length: Math.max(0, missing) }, () => this.create(pool, key)),
      );
    });
    if (!boots) return;
    await Promise.all(boots.map((record) => this.bootIntoPool(record, pool, key)));
  }

  private async create(pool: WarmPoolConfig, key: string): Promise<RuntimeRecord> {
    const initApiKey = randomBytes(24).toString('base64url');
    const record = newRuntimeRecord(
      pool.image,
      pool.resource_factor,
      { pool: { key, initApiKey } },
      this.config,
    );
    await this.store.create(record);
    return record;
  }

  private async bootIntoPool(
    record: RuntimeRecord,
    pool: WarmPoolConfig,
    key: string,
  ): Promise<void> {
    const spec = runtimeSpecOf(
      record,
      { image: pool.image, resourceFactor: pool.resource_factor },
      this.config,
      { INIT_API_KEY: record.pool?.initApiKey ?? '' },
    );
    const booted = await this.launcher.launch(record, spec);
    if (booted?.status === 'running' && booted.pool) {
      const agentUrl = booted.handle?.endpoints[this.config.AGENT_SERVER_PORT];
      if (agentUrl) await this.agentServers.prime(agentUrl, booted.sessionApiKey);
      await this.queue.push(key, record.runtimeId);
    } else if (booted?.status === 'error') {
      // A pool whose image cannot boot must not restart it every refill tick.
      this.pausedUntil.set(key, Date.now() + FAILED_BOOT_BACKOFF_MS);
      this.logger.warn(
        { pool: key, reason: booted.failure?.message },
        `warm pool boot failed; refills paused for ${FAILED_BOOT_BACKOFF_MS / 1000} s`,
      );
    }
  }
}
