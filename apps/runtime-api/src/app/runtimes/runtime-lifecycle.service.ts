import type { StartRequest } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { RuntimeManager } from '@agentrt/runtime-backends';
import { isLive, RedisLocks, type RuntimeRecord, RuntimeStore } from '@agentrt/runtime-state';
import { Inject, Injectable } from '@nestjs/common';
import { RUNTIME_API_CONFIG, type RuntimeApiConfig } from '../config/runtime-api.config';
import { RuntimeMetrics } from '../metrics/runtime-metrics';
import { WarmPools } from '../pools/warm-pools.service';
import { AgentServerClient } from './agent-server.client';
import { newRuntimeRecord } from './new-record';
import { newSessionId } from './runtime-ids';
import { RuntimeLauncher } from './runtime-launcher';
import { toApiException } from './runtime-failure';
import { launchRequestOf, runtimeSpecOf } from './runtime-spec';
import { StartLimits } from './start-limits';

/** Lifecycle changes of one runtime wait this long for another replica's change to finish. */
const LOCK = { ttlMs: 120_000, waitMs: 30_000 };

/**
 * `/start`, `/stop`, `/pause`, `/resume`. State lives in Redis; every change of an existing
 * runtime holds that runtime's lock, so concurrent calls on any replicas apply one at a time.
 */
@Injectable()
export class RuntimeLifecycle {
  constructor(
    private readonly store: RuntimeStore,
    private readonly locks: RedisLocks,
    private readonly manager: RuntimeManager,
    private readonly launcher: RuntimeLauncher,
    private readonly pools: WarmPools,
    private readonly limits: StartLimits,
    private readonly agentServers: AgentServerClient,
    private readonly metrics: RuntimeMetrics,
    @Inject(RUNTIME_API_CONFIG) private readonly config: RuntimeApiConfig,
  ) {}

  /** A session with a live runtime gets it back; otherwise a warm one is claimed or one boots. */
  async start(request: StartRequest, owner: string): Promise<RuntimeRecord> {
    const startedAt = performance.now();
    // A session's failed runtime stays visible by session; a new start replaces it.
    let replacing = '';
    if (request.session_id !== undefined) {
      const existing = await this.store.bySession(request.session_id);
      if (existing && isLive(existing)) return existing;
      replacing = existing?.runtimeId ?? '';
    }
    await this.limits.checkStartRate(owner);
    const sessionId = request.session_id ?? newSessionId();
    const launch = launchRequestOf(request);
    const claim = await this.pools.claim(launch, { sessionId, owner, replacing });
    if (claim.kind === 'claimed') {
      this.metrics.started(true, startedAt);
      return claim.record;
    }
    if (claim.kind === 'exists') return await this.existing(claim.runtimeId);
    if (claim.kind === 'limited') throw this.limits.liveLimitReached();

    const record = newRuntimeRecord(
      launch.image,
      launch.resourceFactor,
      { sessionId, owner },
      this.config,
    );
    // A warm runtime that failed its init may hold the session now: the boot replaces it.
    const created = await this.store.create(record, this.limits.maxLivePerKey, claim.replacing);
    if (created.kind === 'exists') return await this.existing(created.runtimeId);
    if (created.kind === 'limited') throw this.limits.liveLimitReached();
    const boot = this.launcher.launch(record, runtimeSpecOf(record, launch, this.config));
    // Observed when the boot ends, which may be after this answer (START_WAIT_SECONDS).
    void boot.then((booted) => {
      if (booted?.status === 'running') this.metrics.started(false, startedAt);
    });
    await Promise.race([boot, delay(this.config.START_WAIT_SECONDS * 1000)]);
    return (await this.store.get(record.runtimeId)) ?? record;
  }

  /** Frees everything the runtime held; stopping a stopped runtime is a no-op. */
  async stop(runtimeId: string): Promise<RuntimeRecord> {
    return await this.guarded(runtimeId, async (record) => {
      if (record.status === 'stopped') return record;
      if (record.handle) await this.manager.stop(record.handle);
      return await this.transition(runtimeId, { status: 'stopped', podStatus: 'not found' });
    });
  }

  async pause(runtimeId: string): Promise<RuntimeRecord> {
    return await this.guarded(runtimeId, async (record) => {
      if (record.status === 'paused') return record;
      const handle = this.requireRunning(record, 'pause');
      await this.manager.pause(handle);
      const now = new Date().toISOString();
      return await this.transition(runtimeId, {
        status: 'paused',
        podStatus: 'pending',
        pausedAt: now,
        lastActiveAt: record.lastActiveAt ?? now,
      });
    });
  }

  /** Pauses on the reaper's behalf, recording when the runtime was last active. */
  async pauseIdle(runtimeId: string, lastActiveAt: string): Promise<void> {
    await this.store.update(runtimeId, (r) =>
      r.status === 'running' ? { ...r, lastActiveAt } : undefined,
    );
    await this.pause(runtimeId);
  }

  async resume(runtimeId: string, rotateSessionKey = false): Promise<RuntimeRecord> {
    if (rotateSessionKey) {
      throw new ApiException(
        400,
        'rotate_session_key is not supported yet: the session key survives pause and resume',
        'bad_request',
      );
    }
    return await this.guarded(runtimeId, async (record) => {
      if (record.status === 'running') return record;
      if (record.status !== 'paused' || !record.handle) {
        throw new ApiException(
          409,
          `runtime ${runtimeId} is ${record.status}; only a paused runtime can be resumed`,
          'conflict',
        );
      }
      const handle = await this.manager.resume(record.handle);
      const agentUrl = handle.endpoints[this.config.AGENT_SERVER_PORT];
      if (agentUrl) {
        await this.agentServers.waitAlive(
          agentUrl,
          this.config.RUNTIME_READY_TIMEOUT_SECONDS * 1000,
        );
      }
      return await this.transition(runtimeId, {
        status: 'running',
        podStatus: 'ready',
        handle,
        activeSince: new Date().toISOString(),
        pausedAt: undefined,
        lastActiveAt: undefined,
      });
    });
  }

  private async existing(runtimeId: string): Promise<RuntimeRecord> {
    const record = await this.store.get(runtimeId);
    if (!record) throw new ApiException(409, 'the session changed during start; retry', 'conflict');
    return record;
  }

  /** Runs `change` under the runtime's lock: 404 when unknown, backend errors as 502/503. */
  private async guarded(
    runtimeId: string,
    change: (record: RuntimeRecord) => Promise<RuntimeRecord>,
  ): Promise<RuntimeRecord> {
    try {
      return await this.locks.withLock(`runtime:${runtimeId}`, LOCK, async () => {
        const record = await this.store.get(runtimeId);
        if (!record || record.pool) {
          throw new ApiException(404, `runtime ${runtimeId} not found`, 'not_found');
        }
        return await change(record);
      });
    } catch (error) {
      throw toApiException(error, runtimeId);
    }
  }

  private requireRunning(record: RuntimeRecord, action: string) {
    if (record.status === 'running' && record.handle) return record.handle;
    throw new ApiException(
      409,
      `runtime ${record.runtimeId} is ${record.status}; cannot ${action} it`,
      'conflict',
    );
  }

  private async transition(
    runtimeId: string,
    fields: Partial<RuntimeRecord>,
  ): Promise<RuntimeRecord> {
    const next = await this.store.update(runtimeId, (current) => ({ ...current, ...fields }));
    if (!next) throw new ApiException(404, `runtime ${runtimeId} not found`, 'not_found');
    return next;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
