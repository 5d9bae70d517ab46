import {
  type DynamicModule,
  Global,
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { METRICS_OPTIONS, type MetricsModuleOptions } from './metrics-options';

/**
 * Prometheus metrics for an app: the injectable `Metrics` (its own registry), request latency
 * for every route, and `GET /metrics`. Global, so feature modules inject `Metrics` directly.
 */
@Global()
@Module({})
export class MetricsModule implements NestModule {
  constructor(@Inject(METRICS_OPTIONS) private readonly options: MetricsModuleOptions) {}

  static forRoot(options: MetricsModuleOptions): DynamicModule {
    const metrics = options.shared ?? new Metrics({ defaultMetrics: options.enabled });
    const serve = options.enabled && options.serve !== false;
    return {
      module: MetricsModule,
      controllers: serve ? [MetricsController] : [],
      providers: [
        { provide: Metrics, useValue: metrics },
        { provide: METRICS_OPTIONS, useValue: options },
        HttpMetricsMiddleware,
      ],
      exports: [Metrics],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (!this.options.enabled) return;
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
