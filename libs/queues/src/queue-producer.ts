import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, QueueEvents } from 'bullmq';
import { JOB_OPTIONS } from './job-options';
import {
  QUEUE_CONNECTION,
  type QueueConnectionOptions,
  redisOptionsFromUrl,
} from './queue-connection';
import { JobFailedError, JobTimeoutError } from './queue-errors';
import type { JobName, QueueName } from './queue-names';

export type JobState =
  | 'waiting'
  | 'waiting-children'
  | 'prioritized'
  | 'delayed'
  | 'active'
  | 'completed'
  | 'failed'
  | 'missing';

/** Jobs of one queue by state, e.g. for a queue depth metric. */
export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
}

/** Adds jobs and waits for their results; the only producer-side code that knows BullMQ. */
@Injectable()
export class QueueProducer implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueProducer.name);
  private readonly queues = new Map<QueueName, Queue>();
  private readonly events = new Map<QueueName, Promise<QueueEvents>>();

  constructor(@Inject(QUEUE_CONNECTION) private readonly connection: QueueConnectionOptions) {}

  /** Adds a job under a deterministic id: adding the same id twice is a no-op, not a duplicate. */
  async enqueue(queue: QueueName, name: JobName, data: object, jobId: string): Promise<string> {
    await this.queueEvents(queue); // listen before adding, so no completion can be missed
    const job = await this.queue(queue).add(name, data, { ...JOB_OPTIONS[queue], jobId });
    return job.id ?? jobId;
  }

  /** Resolves with the worker's return value; a job nobody picked up in time is withdrawn. */
  async waitForResult(queue: QueueName, jobId: string, timeoutMs: number): Promise<unknown> {
    const job = await Job.fromId(this.queue(queue), jobId);
    if (!job) throw new JobFailedError(jobId, 'job not found');
    try {
      return await job.waitUntilFinished(await this.queueEvents(queue), timeoutMs);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!/timed out/i.test(message)) throw new JobFailedError(jobId, message);
      if (await job.isWaiting()) await job.remove().catch(() => undefined);
      throw new JobTimeoutError(jobId, timeoutMs);
    }
  }

  /** Removes a job that no worker holds yet; false when it is running, finished or unknown. */
  async withdraw(queue: QueueName, jobId: string): Promise<boolean> {
    const job = await Job.fromId(this.queue(queue), jobId);
    if (!job || !((await job.isWaiting()) || (await job.isDelayed()))) return false;
    try {
      await job.remove();
      return true;
    } catch {
      return false; // a worker took it (locked) between the check and the removal
    }
  }

  /** Where a job is in its queue, in our own words; `missing` when removed or never added. */
  async jobState(queue: QueueName, jobId: string): Promise<JobState> {
    const state = await this.queue(queue).getJobState(jobId);
    return state === 'unknown' ? 'missing' : state;
  }

  /** Why a failed job failed, as its worker reported it. */
  async failedReason(queue: QueueName, jobId: string): Promise<string | undefined> {
    const job = await Job.fromId(this.queue(queue), jobId);
    return job?.failedReason || undefined;
  }

  /** How many jobs wait, run and wait out a backoff in a queue (one Redis round trip). */
  async depth(queue: QueueName): Promise<QueueDepth> {
    const counts = await this.queue(queue).getJobCounts('waiting', 'active', 'delayed');
    return {
      waiting: counts['waiting'] ?? 0,
      active: counts['active'] ?? 0,
      delayed: counts['delayed'] ?? 0,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    const events = await Promise.all(this.events.values());
    await Promise.all([...this.queues.values(), ...events].map((closable) => closable.close()));
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: redisOptionsFromUrl(this.connection.url),
        prefix: this.connection.prefix,
      });
      queue.on('error', (error) =>
        this.logger.warn({ err: error.message, queue: name }, 'queue error'),
      );
      this.queues.set(name, queue);
    }
    return queue;
  }

  private queueEvents(name: QueueName): Promise<QueueEvents> {
    let events = this.events.get(name);
    if (!events) {
      const created = new QueueEvents(name, {
        connection: redisOptionsFromUrl(this.connection.url),
        prefix: this.connection.prefix,
      });
      created.on('error', (error) =>
        this.logger.warn({ err: error.message, queue: name }, 'queue events error'),
      );
      events = created.waitUntilReady().then(() => created);
      this.events.set(name, events);
    }
    return events;
  }
}
