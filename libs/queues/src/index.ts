/** @agentrt/queues: queue names, job options, job payloads, and the only code that talks BullMQ. */
export * from './queue-names';
export * from './job-options';
export * from './jobs';
export * from './queue-errors';
export * from './queue-connection';
export * from './job-processor';
export * from './queue-producer';
export * from './queue-workers';
export * from './queue-worker-health.indicator';
export * from './queue.module';
export * from './dashboard/queue-dashboard';
export * from './build-queue-depth-gauge';
