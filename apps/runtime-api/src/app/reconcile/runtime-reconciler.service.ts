import { type OwnedRuntime, RuntimeManager } from '@agentrt/runtime-backends';
import {
  RedisLocks,
  type RuntimeRecord,
  RuntimeStore,
  WarmPoolQueue,
} from '@agentrt/runtime-state';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';

export interface ReconcileReport {
  adopted: string[];
  vanished: string[];
  swept: string[];
}

/** Leak safety runs again this often, not only at boot. */
const PERIOD_MS = 5 * 60_000;

/**
 * Restart safety: brings Redis and the backend back in agreement. Recorded runtimes the backend
 * still runs are adopted (their state and address refreshed); recorded ones it no longer runs are
 * marked `stopped` and whatever they left on the backend is removed, as are owned runtimes
 * without a live record (nothing leaks).
 */
@Injectable()
export class RuntimeReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RuntimeReconciler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: RuntimeStore,
    private readonly manager: RuntimeManager,
    private readonly locks: RedisLocks,
    private readonly pools: WarmPoolQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcileLogged();
    this.timer = setInterval(() => void this.reconcileLogged(), PERIOD_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass; undefined when another replica is reconciling. */
  async reconcile(): Promise<ReconcileReport | undefined> {
    return await this.locks.ifFree('reconcile', 120_000, async () => {
      // Backend first, records second: every runtime a backend shows had its record written
      // before it was started, so a start racing this pass is never taken for an orphan.
      const owned = await this.manager.listAll();
      const records = await this.store.listLive();
      const byId = new Map(owned.map((runtime) => [runtime.handle.runtimeId, runtime]));
      const report: ReconcileReport = { adopted: [], vanished: [], swept: [] };
      const kept = new Set<string>();
      for (const record of records) {
        const found = byId.get(record.runtimeId);
        if (found && found.status !== 'stopped') {
          kept.add(record.runtimeId);
          if (await this.adopt(record, found)) report.adopted.push(record.runtimeId);
        } else if (record.handle) {
          await this.markVanished(record);
          report.vanished.push(record.runtimeId);
        } else {
          // Still booting (no handle yet): its booting replica records the outcome.
          kept.add(record.runtimeId);
        }
      }
      // Orphans, and what a vanished runtime left (a dead process's workspace and record, an
      // exited container): the backend holds it, but nothing will ever use it again.
      for (const orphan of owned.filter((r) => !kept.has(r.handle.runtimeId))) {
        await this.manager.stop(orphan.handle);
        report.swept.push(orphan.handle.runtimeId);
      }
      return report;
    });
  }

  private async reconcileLogged(): Promise<void> {
    try {
      const report = await this.reconcile();
      if (report) this.logger.log(report, 'reconciled runtimes with the backend');
    } catch (error) {
      this.logger.warn({ err: error }, 'reconcile failed; will retry');
    }
  }

  /** Refreshes the record from what the backend reports; false when nothing needed changing. */
  private async adopt(record: RuntimeRecord, found: OwnedRuntime): Promise<boolean> {
    if (record.status === 'starting') return false;
    const status = found.status === 'paused' ? 'paused' : 'running';
    const updated = await this.store.update(record.runtimeId, (current) =>
      current.status === 'running' || current.status === 'paused'
        ? {
            ...current,
            handle: found.handle,
            status,
            podStatus: status === 'paused' ? 'pending' : 'ready',
          }
        : undefined,
    );
    return updated !== undefined;
  }

  private async markVanished(record: RuntimeRecord): Promise<void> {
    if (record.pool) await this.pools.remove(record.pool.key, record.runtimeId);
    await this.store.update(record.runtimeId, (current) => ({
      ...current,
      status: 'stopped',
      podStatus: 'not found',
      failure: { reason: 'vanished', message: 'the backend no longer runs this runtime' },
    }));
  }
}
