import { BUILD_LOG_STORE, type BuildLogStore } from '@agentrt/blob-store';
import { type BuildRecord, BuildStore } from '@agentrt/build-state';
import { type BuildStatusResponse, isTerminalBuildStatus } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { QUEUES, QueueProducer } from '@agentrt/queues';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { buildView } from './build-view';

/** `GET /build_status`, `POST /build_cancel` and the lookups `GET /build_logs` needs. */
@Injectable()
export class BuildControlService {
  private readonly logger = new Logger(BuildControlService.name);

  constructor(
    private readonly store: BuildStore,
    private readonly queue: QueueProducer,
    @Inject(BUILD_LOG_STORE) readonly logs: BuildLogStore,
  ) {}

  async status(buildId: string, owner: string): Promise<BuildStatusResponse> {
    return buildView(await this.find(buildId, owner));
  }

  /** Builds are private to the key that started them: another key's build is "not found". */
  async find(buildId: string, owner: string): Promise<BuildRecord> {
    const record = await this.store.get(buildId);
    if (!record || record.owner !== owner) {
      throw new ApiException(404, `Build ${buildId} not found`);
    }
    return record;
  }

  /**
   * A queued build is withdrawn and CANCELLED at once; a running one is told to stop (its
   * worker moves it to CANCELLED); a finished one is a 409.
   */
  async cancel(buildId: string, owner: string): Promise<BuildStatusResponse> {
    const record = await this.find(buildId, owner);
    if (isTerminalBuildStatus(record.status)) {
      throw new ApiException(409, `Build ${buildId} already ended ${record.status}`, 'conflict', {
        status: record.status,
      });
    }
    await this.queue.withdraw(QUEUES.builds, buildId);
    const queued = await this.store.transition(buildId, ['PENDING', 'QUEUED'], 'CANCELLED', {
      error: 'cancelled on request before it started',
    });
    if (queued.applied) {
      await this.logs.close(buildId).catch(() => undefined);
      this.logger.log({ build_id: buildId }, 'queued build cancelled');
      return buildView(queued.record);
    }
    const running = await this.store.requestCancel(buildId);
    this.logger.log({ build_id: buildId }, 'cancel requested for a running build');
    return buildView(running ?? record);
  }
}
