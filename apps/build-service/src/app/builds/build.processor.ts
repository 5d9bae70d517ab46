import {
  BLOB_STORE,
  BUILD_LOG_STORE,
  type BlobStore,
  type BuildLogStore,
} from '@agentrt/blob-store';
import { type BuildRecord, BuildStore } from '@agentrt/build-state';
import type { BuildStatus } from '@agentrt/contracts';
import type { ImagePublisher, PublishResult } from '@agentrt/image-builder';
import {
  type BuildJobData,
  BuildJobDataSchema,
  type JobContext,
  type JobProcessor,
  QUEUES,
  QueueWorkers,
} from '@agentrt/queues';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BUILD_SERVICE_CONFIG, type BuildServiceConfig } from '../config/build-service.config';
import { BuildMetrics } from '../metrics/build-metrics';
import { BuildCancellations } from './build-cancellations';
import { BuildLogWriter } from './build-log-writer';
import { failedRun } from './build-outcome';
import { IMAGE_PUBLISHER } from './image-publisher.provider';

/** What a job returns: the status the build ended in (or was found in) on this run. */
export interface BuildJobResult {
  build_id: string;
  status: BuildStatus | 'missing';
}

// A build picked up here may still be PENDING (the front door marks it QUEUED after adding the
// job) or WORKING (its previous worker died and BullMQ handed the stalled job on).
const STARTABLE: readonly BuildStatus[] = ['PENDING', 'QUEUED', 'WORKING'];
const HEARTBEAT_MS = 5_000;

/** Runs build jobs: one build from the stored context, pushed, its record kept current. */
@Injectable()
export class BuildProcessor implements JobProcessor<BuildJobData, BuildJobResult>, OnModuleInit {
  readonly queue = QUEUES.builds;
  readonly schema = BuildJobDataSchema;
  private readonly logger = new Logger(BuildProcessor.name);

  constructor(
    private readonly workers: QueueWorkers,
    private readonly store: BuildStore,
    private readonly cancellations: BuildCancellations,
    @Inject(IMAGE_PUBLISHER) private readonly publisher: ImagePublisher,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(BUILD_LOG_STORE) private readonly logs: BuildLogStore,
    private readonly metrics: BuildMetrics,
    @Inject(BUILD_SERVICE_CONFIG) private readonly config: BuildServiceConfig,
  ) {}

  onModuleInit(): void {
    this.workers.start(this, this.config.WORKER_CONCURRENCY, {
      lockDurationMs: this.config.BUILD_LOCK_MS,
      stalledIntervalMs: this.config.BUILD_STALLED_INTERVAL_MS,
    });
  }

  async process(data: BuildJobData, job: JobContext): Promise<BuildJobResult> {
    const id = data.build_id;
    const started = await this.store.transition(id, STARTABLE, 'WORKING', {
      attempt: job.attempt,
      workerId: this.config.WORKER_ID,
      startedAt: new Date().toISOString(),
      heartbeatAt: new Date().toISOString(),
    });
    // Cancelled or expired while queued, or unknown: nothing to build.
    if (!started.applied) return { build_id: id, status: started.record?.status ?? 'missing' };
    const log = new BuildLogWriter(this.logs, id, this.logger);
    log.line(
      `[agentrt] build ${id} started on ${this.config.WORKER_ID} (attempt ${job.attempt} of ${job.attempts})`,
    );
    return this.run(started.record, data, job, log);
  }

  private async run(
    record: BuildRecord,
    data: BuildJobData,
    job: JobContext,
    log: BuildLogWriter,
  ): Promise<BuildJobResult> {
    const controller = this.cancellations.register(record.id);
    const heartbeat = setInterval(() => {
      void this.store.heartbeat(record.id, this.config.WORKER_ID).catch(() => undefined);
    }, HEARTBEAT_MS);
    try {
      // A cancel published before this worker registered the build is seen on the record.
      if ((await this.store.get(record.id))?.cancelRequested) controller.abort();
      const result = await this.publish(data, controller.signal, log.line);
      return await this.succeed(record, result, log);
    } catch (error) {
      return await this.fail(record, error, job, log);
    } finally {
      clearInterval(heartbeat);
      this.cancellations.release(record.id);
    }
  }

  private publish(
    data: BuildJobData,
    signal: AbortSignal,
    onLog: (line: string) => void,
  ): Promise<PublishResult> {
    const { options } = data;
    return this.publisher.publish({
      context: { digest: data.context_digest, open: () => this.blobs.open(data.context_digest) },
      dockerfile: options.dockerfile,
      target: options.target,
      buildArgs: { ...this.config.BUILD_DEFAULT_ARGS, ...options.build_args },
      tags: options.tags,
      // No image label: the classic builder adds a LABEL step (a container commit, ~180 ms);
      // the build record already links build and image.
      timeoutMs: this.config.BUILD_TIMEOUT_SECONDS * 1000,
      signal,
      onLog,
    });
  }

  private async succeed(
    record: BuildRecord,
    result: PublishResult,
    log: BuildLogWriter,
  ): Promise<BuildJobResult> {
    log.line(`[agentrt] pushed ${result.image} (${result.imageDigest})`);
    // The log is complete before the status says the build ended: a client that reads the log
    // as soon as it sees the end must find the last line there.
    await log.flush();
    const done = await this.store.transition(record.id, ['WORKING'], 'SUCCESS', {
      image: result.image,
      imageDigest: result.imageDigest,
      imageSizeBytes: result.sizeBytes,
    });
    if (done.applied) {
      this.metrics.ended('SUCCESS', record.startedAt);
      await this.store.cachePut(record.cacheKey, {
        buildId: record.id,
        image: result.image,
        imageDigest: result.imageDigest,
        imageSizeBytes: result.sizeBytes,
        cachedAt: new Date().toISOString(),
      });
    }
    await log.close();
    return { build_id: record.id, status: done.record?.status ?? 'missing' };
  }

  private async fail(
    record: BuildRecord,
    error: unknown,
    job: JobContext,
    log: BuildLogWriter,
  ): Promise<BuildJobResult> {
    const outcome = failedRun(error, job.attempt < job.attempts);
    if (outcome.retry) {
      log.line(`[agentrt] attempt ${job.attempt} failed, retrying: ${outcome.reason}`);
      await log.flush();
      await this.store.transition(record.id, ['WORKING'], 'QUEUED', { error: outcome.reason });
      throw error; // BullMQ runs the job again after its backoff
    }
    log.line(`[agentrt] build ended ${outcome.status}: ${outcome.error}`);
    await log.flush(); // complete before the status says it ended (see succeed)
    const done = await this.store.transition(record.id, ['WORKING'], outcome.status, {
      error: outcome.error,
    });
    if (done.applied) this.metrics.ended(outcome.status, record.startedAt);
    await log.close();
    this.logger.log({ build_id: record.id, status: outcome.status }, 'build ended');
    return { build_id: record.id, status: done.record?.status ?? 'missing' };
  }
}
