/**
 * Every BullMQ queue and job name, in one place so producer and worker cannot drift.
 * Queue keys live under the deployment's prefix (`QUEUE_PREFIX`), so tests and deployments
 * sharing one Redis stay apart.
 */
export const QUEUES = {
  /** Round trip proving runtime-api -> Redis -> build-service works. */
  diagnostics: 'diagnostics',
  /** Docker image builds (builds.md). */
  builds: 'builds',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOB_NAMES = {
  diagnosticPing: 'diagnostic-ping',
  build: 'build',
} as const;
export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];
