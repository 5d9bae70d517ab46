import type { HealthCheck } from '@agentrt/contracts';
import { type HealthIndicator, timedCheck } from '@agentrt/platform';
import { Injectable } from '@nestjs/common';
import { QueueWorkers } from './queue-workers';

/** `queue_worker: up` while the app's BullMQ workers run and reach Redis. */
@Injectable()
export class QueueWorkerHealthIndicator implements HealthIndicator {
  readonly name = 'queue_worker';

  constructor(private readonly workers: QueueWorkers) {}

  check(): Promise<HealthCheck> {
    return timedCheck(async () => {
      if (!(await this.workers.healthy()))
        throw new Error('worker not running or Redis unreachable');
    });
  }
}
