import type { QueueName } from './queue-names';

/** Our own subset of BullMQ's job options, so callers never import bullmq types. */
export interface JobOptions {
  attempts: number;
  backoff?: { type: 'exponential' | 'fixed'; delay: number };
  removeOnComplete: { age: number; count: number };
  removeOnFail: { age: number; count: number };
}

const HOUR = 3600;

/** Defaults per queue; jobs are kept long enough for status polling and post-mortems. */
export const JOB_OPTIONS: Record<QueueName, JobOptions> = {
  // A diagnostic ping is answered live; retrying a stale one helps nobody.
  diagnostics: {
    attempts: 1,
    removeOnComplete: { age: HOUR, count: 1000 },
    removeOnFail: { age: HOUR, count: 1000 },
  },
  // A build is retried once after a crash or a transient registry error; permanent failures
  // (bad Dockerfile) are marked unrecoverable by the worker and not retried.
  builds: {
    attempts: 2,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: 7 * 24 * HOUR, count: 10_000 },
    removeOnFail: { age: 7 * 24 * HOUR, count: 10_000 },
  },
};

/** How long a job may run without its worker renewing the lock before it counts as stalled. */
export interface WorkerOptions {
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** Stalls a job survives (it is run again) before it fails. */
  maxStalledCount: number;
}

/** Worker settings per queue. */
export const WORKER_OPTIONS: Record<QueueName, WorkerOptions> = {
  diagnostics: { lockDurationMs: 30_000, stalledIntervalMs: 30_000, maxStalledCount: 1 },
  builds: { lockDurationMs: 60_000, stalledIntervalMs: 30_000, maxStalledCount: 1 },
};
