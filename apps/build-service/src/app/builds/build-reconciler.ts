import { type BuildRecord, BuildStore } from '@agentrt/build-state';
import { buildJobDataOf, JOB_NAMES, type JobState, QUEUES, QueueProducer } from '@agentrt/queues';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { BUILD_SERVICE_CONFIG, type BuildServiceConfig } from '../config/build-service.config';

// A build is left alone this long after its last change: its writer may just be slow.
const GRACE_MS = 30_000;
const FINISHED_JOB: ReadonlySet<JobState> = new Set(['completed', 'failed', 'missing']);

/**
 * Makes sure no unfinished build is stranded: a job BullMQ gave up on (its worker died more
 * often than the stall limit allows) or that vanished ends the build INTERNAL_ERROR; a build
 * whose job was never added (the front door died in between) is queued. Safe on every replica
 * at once: status changes are compare-and-set, job ids are the build ids.
 */
@Injectable()
export class BuildReconciler implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BuildReconciler.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly store: BuildStore,
    private readonly queue: QueueProducer,
    @Inject(BUILD_SERVICE_CONFIG) private readonly config: BuildServiceConfig,
  ) {}

  onModuleInit(): void {
    const everyMs = this.config.BUILD_RECONCILE_INTERVAL_SECONDS * 1000;
    this.timer = setInterval(() => void this.reconcile(), everyMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass over the unfinished builds; returns how many were changed. */
  async reconcile(now = Date.now()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      let changed = 0;
      for (const record of await this.store.listActive()) {
        if (now - lastChange(record) < GRACE_MS) continue;
        if (await this.settle(record)) changed += 1;
      }
      return changed;
    } catch (error) {
      const err = error instanceof Error ? error.message : String(error);
      this.logger.warn({ err }, 'build reconcile failed');
      return 0;
    } finally {
      this.running = false;
    }
  }

  private async settle(record: BuildRecord): Promise<boolean> {
    const state = await this.queue.jobState(QUEUES.builds, record.id);
    if (state === 'missing' && record.status === 'PENDING') return this.requeue(record);
    if (!FINISHED_JOB.has(state)) return false;
    const reason =
      state === 'failed'
        ? await this.queue.failedReason(QUEUES.builds, record.id)
        : `its job is ${state}`;
    const outcome = await this.store.transition(record.id, [record.status], 'INTERNAL_ERROR', {
      error: `the build stopped without a result (worker lost: ${reason ?? 'unknown'})`,
    });
    if (outcome.applied) this.logger.warn({ build_id: record.id, reason }, 'stranded build ended');
    return outcome.applied;
  }

  private async requeue(record: BuildRecord): Promise<boolean> {
    await this.queue.enqueue(QUEUES.builds, JOB_NAMES.build, buildJobDataOf(record), record.id);
    const outcome = await this.store.transition(record.id, ['PENDING'], 'QUEUED', {
      queuedAt: new Date().toISOString(),
    });
    this.logger.log({ build_id: record.id }, 'queued a build its front door never queued');
    return outcome.applied;
  }
}

function lastChange(record: BuildRecord): number {
  const stamps = [record.createdAt, record.queuedAt, record.startedAt, record.heartbeatAt];
  return Math.max(...stamps.map((stamp) => (stamp ? Date.parse(stamp) : 0)));
}
