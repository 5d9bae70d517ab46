import type { BuildStatus } from '@agentrt/contracts';
import { type Counter, type Histogram, Metrics } from '@agentrt/platform';
import { buildQueueDepthGauge, QueueProducer } from '@agentrt/queues';
import { Injectable, type OnModuleInit } from '@nestjs/common';

/** build-service's series (README "Metrics"): builds as they end here, and the queue they come from. */
@Injectable()
export class BuildMetrics implements OnModuleInit {
  private readonly builds: Counter<'status'>;
  private readonly durations: Histogram<'status'>;

  constructor(
    private readonly metrics: Metrics,
    private readonly queues: QueueProducer,
  ) {
    this.builds = metrics.counter<'status'>({
      name: 'agentrt_builds_total',
      help: 'Builds this worker ended, by final status',
      labels: ['status'],
    });
    this.durations = metrics.histogram<'status'>({
      name: 'agentrt_build_duration_seconds',
      help: 'Time from a worker taking a build to its end, by final status',
      labels: ['status'],
      buckets: [1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600],
    });
  }

  /** A build that started (`startedAt`, ISO time) ended in `status`. */
  ended(status: BuildStatus, startedAt: string | undefined): void {
    this.builds.inc({ status });
    const started = startedAt === undefined ? Number.NaN : Date.parse(startedAt);
    if (Number.isFinite(started)) {
      this.durations.observe({ status }, Math.max(0, Date.now() - started) / 1000);
    }
  }

  onModuleInit(): void {
    this.metrics.sampledGauge(buildQueueDepthGauge(this.queues));
  }
}
