import type { z } from 'zod';
import type { QueueName } from './queue-names';

/** What a processor may know about the job it runs (our type, not BullMQ's). */
export interface JobContext {
  id: string;
  name: string;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
  /** Runs allowed in all; on the last one a failure is final. */
  attempts: number;
  /** Appends a line to the job's log (kept by the queue, readable while it runs). */
  log(line: string): Promise<void>;
}

/** A worker-side handler for one queue; job data is validated by `schema` before `process`. */
export interface JobProcessor<TData, TResult> {
  readonly queue: QueueName;
  readonly schema: z.ZodType<TData>;
  process(data: TData, job: JobContext): Promise<TResult>;
}
