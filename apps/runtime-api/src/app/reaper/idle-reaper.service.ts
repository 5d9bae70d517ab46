import { RedisLocks, type RuntimeRecord, RuntimeStore } from '@agentrt/runtime-state';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { RUNTIME_API_CONFIG, type RuntimeApiConfig } from '../config/runtime-api.config';
import { AgentServerClient } from '../runtimes/agent-server.client';
import { RuntimeLifecycle } from '../runtimes/runtime-lifecycle.service';
import { RuntimeLauncher } from '../runtimes/runtime-launcher';
import { RuntimeReconciler } from '../reconcile/runtime-reconciler.service';

/** What the reaper did in one pass; returned for tests and logged. */
export interface ReapReport {
  paused: string[];
  stopped: string[];
}

interface Decision {
  action: 'pause' | 'stop' | 'none';
  idleMs: number;
}

/** A start still `starting` this long after its ready timeout lost its booting replica. */
const ORPHANED_START_GRACE_MS = 60_000;

/**
 * Pauses runtimes idle for `RUNTIME_IDLE_SECONDS` and stops those inactive for
 * `RUNTIME_DEAD_SECONDS`. Idle time is the agent server's `/server_info` `idle_time` (which counts
 * running turns and open subscribers as activity), capped by the time since the runtime's idle
 * clock started (boot, claim or resume), so time spent paused or waiting in a pool never counts.
 * One replica reaps at a time (a Redis lock).
 */
@Injectable()
export class IdleReaper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdleReaper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly store: RuntimeStore,
    private readonly locks: RedisLocks,
    private readonly lifecycle: RuntimeLifecycle,
    private readonly launcher: RuntimeLauncher,
    private readonly reconciler: RuntimeReconciler,
    private readonly agentServers: AgentServerClient,
    @Inject(RUNTIME_API_CONFIG) private readonly config: RuntimeApiConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.reapOnce()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'reaper pass failed'))
        .finally(() => (this.running = undefined));
    }, this.config.REAPER_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over every live runtime; undefined when another replica is reaping. */
  async reapOnce(now = Date.now()): Promise<ReapReport | undefined> {
    const ttl = Math.max(30_000, this.config.REAPER_INTERVAL_SECONDS * 2000);
    return await this.locks.ifFree('reaper', ttl, async () => {
      const report: ReapReport = { paused: [], stopped: [] };
      for (const record of await this.store.listLive()) {
        // Warm runtimes have no idle clock until claimed; only their orphaned boots are reaped.
        if (record.pool && record.status !== 'starting') continue;
        const { action, idleMs } = await this.decide(record, now);
        if (action === 'none') continue;
        await this.apply(record, action, now - idleMs).catch((error: unknown) =>
          this.logger.warn({ runtime_id: record.runtimeId, err: error }, `reaper ${action} failed`),
        );
        report[action === 'pause' ? 'paused' : 'stopped'].push(record.runtimeId);
      }
      if (report.paused.length + report.stopped.length > 0) this.logger.log(report, 'reaped');
      return report;
    });
  }

  private async decide(record: RuntimeRecord, now: number): Promise<Decision> {
    const idleLimit = this.config.RUNTIME_IDLE_SECONDS * 1000;
    const deadLimit = this.config.RUNTIME_DEAD_SECONDS * 1000;
    if (record.status === 'paused') {
      const lastActive = Date.parse(record.lastActiveAt ?? record.pausedAt ?? record.activeSince);
      return { action: now - lastActive >= deadLimit ? 'stop' : 'none', idleMs: now - lastActive };
    }
    if (record.status === 'starting') {
      const limit = this.config.RUNTIME_READY_TIMEOUT_SECONDS * 1000 + ORPHANED_START_GRACE_MS;
      const orphaned =
        now - Date.parse(record.createdAt) > limit && !this.launcher.isBooting(record.runtimeId);
      return { action: orphaned ? 'stop' : 'none', idleMs: 0 };
    }
    const idleMs = await this.idleMs(record, now);
    if (idleMs === undefined) return { action: 'none', idleMs: 0 };
    if (idleMs >= deadLimit) return { action: 'stop', idleMs };
    return { action: idleMs >= idleLimit ? 'pause' : 'none', idleMs };
  }

  private async idleMs(record: RuntimeRecord, now: number): Promise<number | undefined> {
    const agentUrl = record.handle?.endpoints[this.config.AGENT_SERVER_PORT];
    if (!agentUrl) return undefined;
    const sinceActive = now - Date.parse(record.activeSince);
    try {
      const info = await this.agentServers.serverInfo(agentUrl, record.sessionApiKey);
      return Math.min(info.idle_time * 1000, sinceActive);
    } catch (error) {
      // An unreachable agent server is not evidence of idleness; try again next pass.
      this.logger.debug({ runtime_id: record.runtimeId, err: error }, 'server_info failed');
      return undefined;
    }
  }

  private async apply(record: RuntimeRecord, action: 'pause' | 'stop', lastActiveMs: number) {
    if (record.status === 'starting') await this.abandonStart(record);
    else if (action === 'stop') await this.lifecycle.stop(record.runtimeId);
    else await this.lifecycle.pauseIdle(record.runtimeId, new Date(lastActiveMs).toISOString());
  }

  /**
   * The replica booting this runtime died. Its record is closed as `error`; whatever the backend
   * started for it no longer has a live record, so the reconciler's sweep removes it at once.
   */
  private async abandonStart(record: RuntimeRecord): Promise<void> {
    await this.store.update(record.runtimeId, (current) =>
      current.status === 'starting'
        ? {
            ...current,
            status: 'error',
            podStatus: 'failed',
            failure: {
              reason: 'orphaned_start',
              message: 'the runtime-api replica booting this runtime went away',
            },
          }
        : undefined,
    );
    await this.reconciler.reconcile();
  }
}
