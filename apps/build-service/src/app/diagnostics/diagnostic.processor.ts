import { hostname } from 'node:os';
import type { DiagnosticJobResult } from '@agentrt/contracts';
import {
  type DiagnosticJobData,
  DiagnosticJobDataSchema,
  type JobProcessor,
  QUEUES,
  QueueWorkers,
} from '@agentrt/queues';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { BUILD_SERVICE_CONFIG, type BuildServiceConfig } from '../config/build-service.config';

/** Answers diagnostic pings, proving the queue path from runtime-api to this worker works. */
@Injectable()
export class DiagnosticProcessor
  implements JobProcessor<DiagnosticJobData, DiagnosticJobResult>, OnModuleInit
{
  readonly queue = QUEUES.diagnostics;
  readonly schema = DiagnosticJobDataSchema;

  constructor(
    private readonly workers: QueueWorkers,
    @Inject(BUILD_SERVICE_CONFIG) private readonly config: BuildServiceConfig,
  ) {}

  onModuleInit(): void {
    this.workers.start(this, this.config.WORKER_CONCURRENCY);
  }

  process(data: DiagnosticJobData): Promise<DiagnosticJobResult> {
    return Promise.resolve({
      message: data.message,
      processed_by: {
        service: 'build-service',
        worker_id: this.config.WORKER_ID,
        pid: process.pid,
        hostname: hostname(),
      },
      processed_at: new Date().toISOString(),
    });
  }
}
