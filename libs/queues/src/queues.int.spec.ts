import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { z } from 'zod';
import type { JobProcessor } from './job-processor';
import { QueueProducer } from './queue-producer';
import { JobFailedError, JobTimeoutError, PermanentJobError } from './queue-errors';
import { JOB_NAMES, QUEUES, type QueueName } from './queue-names';
import { QueueWorkers } from './queue-workers';

// eslint-disable-next-line no-restricted-properties -- the test command says where Redis runs
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

const EchoSchema = z.object({ text: z.string() });
type Echo = z.infer<typeof EchoSchema>;

/** A processor that records every call, so tests can count runs and retries. */
function recordingProcessor(queue: QueueName, handle: (data: Echo) => Promise<unknown>) {
  const calls: Echo[] = [];
  const processor: JobProcessor<Echo, unknown> = {
    queue,
    schema: EchoSchema,
    process: (data) => {
      calls.push(data);
      return handle(data);
    },
  };
  return { processor, calls };
}

describe('queues over real Redis and BullMQ', () => {
  let prefix: string;
  let producer: QueueProducer;
  let workers: QueueWorkers;

  beforeEach(() => {
    prefix = `int-${randomUUID().slice(0, 8)}`;
    producer = new QueueProducer({ url: REDIS_URL, prefix });
    workers = new QueueWorkers({ url: REDIS_URL, prefix });
  });

  afterEach(async () => {
    await Promise.all([producer.onApplicationShutdown(), workers.onApplicationShutdown()]);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('delivers a job to a worker and returns its result to the producer', async () => {
    const { processor } = recordingProcessor(QUEUES.diagnostics, ({ text }) =>
      Promise.resolve({ echoed: text }),
    );
    expect(await workers.healthy()).toBe(false);
    workers.start(processor, 1);
    await producer.enqueue(QUEUES.diagnostics, JOB_NAMES.diagnosticPing, { text: 'hi' }, 'job-1');
    expect(await producer.waitForResult(QUEUES.diagnostics, 'job-1', 5_000)).toEqual({
      echoed: 'hi',
    });
    expect(await workers.healthy()).toBe(true);
  });

  it('treats a repeated job id as the same job, not a duplicate', async () => {
    const { processor, calls } = recordingProcessor(QUEUES.diagnostics, () =>
      Promise.resolve('done'),
    );
    workers.start(processor, 1);
    await producer.enqueue(QUEUES.diagnostics, JOB_NAMES.diagnosticPing, { text: 'a' }, 'same');
    await producer.waitForResult(QUEUES.diagnostics, 'same', 5_000);
    await producer.enqueue(QUEUES.diagnostics, JOB_NAMES.diagnosticPing, { text: 'b' }, 'same');
    expect(await producer.waitForResult(QUEUES.diagnostics, 'same', 5_000)).toBe('done');
    expect(calls).toEqual([{ text: 'a' }]);
  });

  it('does not retry a permanent failure even on a queue that retries', async () => {
    const { processor, calls } = recordingProcessor(QUEUES.builds, () =>
      Promise.reject(new PermanentJobError('no Dockerfile')),
    );
    workers.start(processor, 1);
    await producer.enqueue(QUEUES.builds, JOB_NAMES.build, { text: 'x' }, 'perm');
    await expect(producer.waitForResult(QUEUES.builds, 'perm', 5_000)).rejects.toThrow(
      new JobFailedError('perm', 'no Dockerfile'),
    );
    expect(calls).toHaveLength(1);
  });

  it('fails a job with invalid data before the processor sees it', async () => {
    const { processor, calls } = recordingProcessor(QUEUES.diagnostics, () =>
      Promise.resolve('never'),
    );
    workers.start(processor, 1);
    await producer.enqueue(QUEUES.diagnostics, JOB_NAMES.diagnosticPing, { text: 42 }, 'bad-data');
    await expect(producer.waitForResult(QUEUES.diagnostics, 'bad-data', 5_000)).rejects.toThrow(
      /invalid job data/,
    );
    expect(calls).toHaveLength(0);
  });

  it('times out when no worker listens and withdraws the waiting job', async () => {
    await producer.enqueue(
      QUEUES.diagnostics,
      JOB_NAMES.diagnosticPing,
      { text: 'alone' },
      'orphan',
    );
    await expect(producer.waitForResult(QUEUES.diagnostics, 'orphan', 300)).rejects.toBeInstanceOf(
      JobTimeoutError,
    );
    const { processor, calls } = recordingProcessor(QUEUES.diagnostics, () =>
      Promise.resolve('late'),
    );
    workers.start(processor, 1);
    await producer.enqueue(QUEUES.diagnostics, JOB_NAMES.diagnosticPing, { text: 'next' }, 'next');
    await producer.waitForResult(QUEUES.diagnostics, 'next', 5_000);
    expect(calls).toEqual([{ text: 'next' }]);
  });
});
