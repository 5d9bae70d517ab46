import { Metrics, type Histogram } from '@agentrt/platform';
import { buildQueueDepthGauge, QueueProducer } from '@agentrt/queues';
import { LIVE_STATUSES, RuntimeStore, WarmPoolQueue, poolKeyOf } from '@agentrt/runtime-state';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { RUNTIME_API_CONFIG, type RuntimeApiConfig } from '../config/runtime-api.config';

type StartLabels = 'backend' | 'warm';

/**
 * runtime-api's series (README "Metrics"): start latency observed in the lifecycle, the rest
 * read from Redis when Prometheus scrapes (one cheap call each; every replica reports the same).
 */
@Injectable()
export class RuntimeMetrics implements OnModuleInit {
  private readonly startSeconds: Histogram<StartLabels>;

  constructor(
    private readonly metrics: Metrics,
    private readonly store: RuntimeStore,
    private readonly pools: WarmPoolQueue,
    private readonly queues: QueueProducer,
    @Inject(RUNTIME_API_CONFIG) private readonly config: RuntimeApiConfig,
  ) {
    this.startSeconds = metrics.histogram<StartLabels>({
      name: 'agentrt_runtime_start_seconds',
      help: 'Time from /start to a running runtime, by backend and whether a warm pool served it',
      labels: ['backend', 'warm'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300],
    });
  }

  /** A runtime asked for at `startedAt` (performance.now()) is running now. */
  started(warm: boolean, startedAt: number): void {
    const labels = { backend: this.config.RUNTIME_BACKEND, warm: String(warm) };
    this.startSeconds.observe(labels, (performance.now() - startedAt) / 1000);
  }

  onModuleInit(): void {
    this.metrics.sampledGauge<'status'>({
      name: 'agentrt_runtimes',
      help: 'Live runtimes by status (unclaimed warm-pool runtimes not included)',
      labels: ['status'],
      read: async () => {
        const live = (await this.store.listLive()).filter((record) => !record.pool);
        return [...LIVE_STATUSES].map((status) => ({
          labels: { status },
          value: live.filter((record) => record.status === status).length,
        }));
      },
    });
    this.metrics.sampledGauge<'image' | 'resource_factor'>({
      name: 'agentrt_warm_pool_size',
      help: 'Ready, unclaimed runtimes in each configured warm pool',
      labels: ['image', 'resource_factor'],
      read: () =>
        Promise.all(
          this.config.WARM_POOLS.map(async (pool) => ({
            labels: { image: pool.image, resource_factor: String(pool.resource_factor) },
            value: (await this.pools.members(poolKeyOf(pool.image, pool.resource_factor))).length,
          })),
        ),
    });
    this.metrics.sampledGauge(buildQueueDepthGauge(this.queues));
  }
}
