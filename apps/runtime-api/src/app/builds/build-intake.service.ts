import { randomBytes } from 'node:crypto';
import { BLOB_STORE, type BlobStore } from '@agentrt/blob-store';
import { BuildContextError, inspectBuildContext } from '@agentrt/build-context';
import {
  type BuildOptions,
  type BuildRecord,
  BuildStore,
  type CachedImage,
  cacheKeyOf,
} from '@agentrt/build-state';
import type { BuildResponse } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { buildJobDataOf, JOB_NAMES, QUEUES, QueueProducer } from '@agentrt/queues';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { RUNTIME_API_CONFIG, type RuntimeApiConfig } from '../config/runtime-api.config';
import { parseImageReference } from '../images/image-reference';
import { RegistryClient } from '../images/registry.client';

import { resolveBuildTags } from './build-tags';
import type { BuildUpload } from './build-upload';

type NewBuild = Omit<BuildRecord, 'status' | 'attempt' | 'cancelRequested'>;

/**
 * `POST /build`: validates the context, stores it once by digest, answers an identical earlier
 * build from the cache, and otherwise records the build and queues a job holding only the digest
 * and the options. Nothing is stored for a refused context.
 */
@Injectable()
export class BuildIntakeService {
  private readonly logger = new Logger(BuildIntakeService.name);

  constructor(
    @Inject(RUNTIME_API_CONFIG) private readonly config: RuntimeApiConfig,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    private readonly store: BuildStore,
    private readonly queue: QueueProducer,
    private readonly registry: RegistryClient,
  ) {}

  async submit(upload: BuildUpload, owner: string): Promise<BuildResponse> {
    const build = await this.describe(upload, owner);
    const cached = await this.cachedImage(build.cacheKey);
    if (cached) {
      await this.store.createCached(build, cached);
      this.logger.log(
        { build_id: build.id, cached_from: cached.buildId },
        'build answered from cache',
      );
      return { build_id: build.id };
    }
    await this.checkQuota(owner);
    await this.blobs.put(upload.context, { maxBytes: this.config.BUILD_MAX_CONTEXT_BYTES });
    const created = await this.store.create(build, this.config.BUILD_MAX_ACTIVE_PER_KEY);
    if (created.kind === 'limited') throw this.quotaExceeded(created.active);
    await this.enqueue(created.record);
    this.logger.log({ build_id: build.id, image: build.options.tags[0] }, 'build queued');
    return { build_id: build.id };
  }

  /**
   * An earlier identical build's image, if the registry still has it; one deleted from the
   * registry since (or a registry that cannot be asked) means building again.
   */
  private async cachedImage(cacheKey: string): Promise<CachedImage | undefined> {
    const cached = await this.store.cacheGet(cacheKey);
    if (!cached) return undefined;
    const found = await this.registry
      .findImage(parseImageReference(cached.image))
      .catch(() => undefined);
    if (found) return cached;
    await this.store.cacheDelete(cacheKey);
    this.logger.log({ image: cached.image }, 'cached image is gone from the registry; rebuilding');
    return undefined;
  }

  /** The new build's record: options resolved, context validated and digested. */
  private async describe(upload: BuildUpload, owner: string): Promise<NewBuild> {
    const { fields } = upload;
    const tags = resolveBuildTags(this.config.REGISTRY_PREFIX, fields.target_image, fields.tags);
    const summary = await this.inspect(upload.context, fields.dockerfile);
    const contextDigest = `sha256:${summary.sha256}`;
    const options: BuildOptions = {
      tags,
      dockerfile: summary.dockerfile,
      ...(fields.target ? { target: fields.target } : {}),
      buildArgs: fields.build_args ?? {},
    };
    return {
      id: newBuildId(),
      owner,
      contextDigest,
      cacheKey: cacheKeyOf(contextDigest, options),
      options,
      createdAt: new Date().toISOString(),
    };
  }

  private async inspect(context: Buffer, dockerfile: string | undefined) {
    try {
      return await inspectBuildContext(context, {
        dockerfile,
        maxCompressedBytes: this.config.BUILD_MAX_CONTEXT_BYTES,
        maxExpandedBytes: this.config.BUILD_MAX_EXPANDED_BYTES,
      });
    } catch (error) {
      if (!(error instanceof BuildContextError)) throw error;
      const status = error.reason === 'too_large' ? 413 : 400;
      throw new ApiException(status, `Invalid build context: ${error.message}`, undefined, {
        reason: error.reason,
        ...(error.entry === undefined ? {} : { entry: error.entry }),
      });
    }
  }

  private async checkQuota(owner: string): Promise<void> {
    const active = await this.store.activeCount(owner);
    if (active >= this.config.BUILD_MAX_ACTIVE_PER_KEY) throw this.quotaExceeded(active);
  }

  private quotaExceeded(active: number): ApiException {
    return new ApiException(
      429,
      `This API key already has ${active} unfinished builds (limit ${this.config.BUILD_MAX_ACTIVE_PER_KEY}); wait for some to finish`,
      'rate_limited',
      {},
      { 'Retry-After': '10' },
    );
  }

  /** Adds the job (its id is the build id) and marks the build QUEUED; a failure ends it. */
  private async enqueue(record: BuildRecord): Promise<void> {
    try {
      await this.queue.enqueue(QUEUES.builds, JOB_NAMES.build, buildJobDataOf(record), record.id);
    } catch (error) {
      const err = error instanceof Error ? error.message : String(error);
      await this.store.transition(record.id, ['PENDING'], 'INTERNAL_ERROR', {
        error: `could not queue the build: ${err}`,
      });
      throw new ApiException(503, `Could not queue the build: ${err}`, 'service_unavailable');
    }
    // A worker may already have taken it (WORKING): then this changes nothing, as it should.
    await this.store.transition(record.id, ['PENDING'], 'QUEUED', {
      queuedAt: new Date().toISOString(),
    });
  }
}

/** `b-` and 20 hex digits: unguessable, and valid as a job id and a log file name. */
function newBuildId(): string {
  return `b-${randomBytes(10).toString('hex')}`;
}
