import {
  BLOB_STORE,
  BUILD_LOG_STORE,
  type BlobStore,
  type BuildLogStore,
} from '@agentrt/blob-store';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { BUILD_SERVICE_CONFIG, type BuildServiceConfig } from '../config/build-service.config';

const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Deletes build contexts and logs older than the retention period. Records expire on their own
 * (Redis TTL) and answer EXPIRED once past retention, so nothing refers to what is swept.
 */
@Injectable()
export class BuildRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BuildRetention.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(BUILD_LOG_STORE) private readonly logs: BuildLogStore,
    @Inject(BUILD_SERVICE_CONFIG) private readonly config: BuildServiceConfig,
  ) {}

  onModuleInit(): void {
    const everyMs = Math.min(SWEEP_EVERY_MS, this.config.BUILD_RETENTION_SECONDS * 1000);
    this.timer = setInterval(() => void this.sweep(), everyMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    const olderThanMs = this.config.BUILD_RETENTION_SECONDS * 1000;
    try {
      const { deleted } = await this.blobs.sweep({ olderThanMs });
      const logs = await this.logs.sweep(olderThanMs);
      if (deleted.length + logs > 0) {
        this.logger.log({ contexts: deleted.length, logs }, 'swept expired build data');
      }
    } catch (error) {
      const err = error instanceof Error ? error.message : String(error);
      this.logger.warn({ err }, 'build retention sweep failed');
    }
  }
}
