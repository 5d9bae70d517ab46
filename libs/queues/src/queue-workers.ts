import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { JobContext, JobProcessor } from './job-processor';
import { WORKER_OPTIONS, type WorkerOptions } from './job-options';
import {
  QUEUE_CONNECTION,
  type QueueConnectionOptions,
  redisOptionsFromUrl,
} from './queue-connection';
import { PermanentJobError } from './queue-errors';

/** Runs processors as BullMQ workers; closes them on shutdown so no job is left locked. */
@Injectable()
export class QueueWorkers implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly workers: Worker[] = [];

  constructor(@Inject(QUEUE_CONNECTION) private readonly connection: QueueConnectionOptions) {}

  /** `overrides` replace the queue's stall settings (say, shorter ones for a test deployment). */
  start<TData, TResult>(
    processor: JobProcessor<TData, TResult>,
    concurrency: number,
    overrides: Partial<WorkerOptions> = {},
  ): void {
    const options = { ...WORKER_OPTIONS[processor.queue], ...overrides };
    const worker = new Worker(processor.queue, (job: Job) => this.run(processor, job), {
      connection: redisOptionsFromUrl(this.connection.url),
      prefix: this.connection.prefix,
      concurrency,
      lockDuration: options.lockDurationMs,
      stalledInterval: options.stalledIntervalMs,
      maxStalledCount: options.maxStalledCount,
    });
    worker.on('error', (error) =>
      this.logger.warn({ err: error.message, queue: processor.queue }, 'worker error'),
    );
    worker.on('failed', (job, error) =>
      this.logger.warn(
        { job_id: job?.id, queue: processor.queue, err: error.message },
        'job failed',
      ),
    );
    this.workers.push(worker);
    this.logger.log({ queue: processor.queue, concurrency }, 'worker started');
  }

  /** Every started worker is running and can reach Redis. */
  async healthy(): Promise<boolean> {
    if (this.workers.length === 0) return false;
    const states = this.workers.map(
      async (worker) => worker.isRunning() && (await worker.client).status === 'ready',
    );
    return (await Promise.all(states)).every(Boolean);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }

  private async run<TData, TResult>(
    processor: JobProcessor<TData, TResult>,
    job: Job,
  ): Promise<TResult> {
    const parsed = processor.schema.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(`invalid job data: ${parsed.error.message}`);
    }
    try {
      return await processor.process(parsed.data, contextOf(job));
    } catch (error) {
      // Permanent failures skip the remaining attempts; anything else is retried with backoff.
      if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}

function contextOf(job: Job): JobContext {
  return {
    id: job.id ?? '',
    name: job.name,
    attempt: job.attemptsMade + 1,
    attempts: job.opts.attempts ?? 1,
    log: async (line) => {
      await job.log(line);
    },
  };
}
