import { type DynamicModule, Global, Module } from '@nestjs/common';
import { QueueDashboard } from './dashboard/queue-dashboard';
import { QUEUE_CONNECTION, type QueueConnectionOptions } from './queue-connection';
import { QueueProducer } from './queue-producer';
import { QueueWorkerHealthIndicator } from './queue-worker-health.indicator';
import { QueueWorkers } from './queue-workers';

/** BullMQ wiring for an app: producer, workers, the worker health check and the dashboard. */
@Global()
@Module({})
export class QueueModule {
  static forRoot(connection: QueueConnectionOptions): DynamicModule {
    return {
      module: QueueModule,
      providers: [
        { provide: QUEUE_CONNECTION, useValue: connection },
        QueueProducer,
        QueueWorkers,
        QueueWorkerHealthIndicator,
        QueueDashboard,
      ],
      exports: [QueueProducer, QueueWorkers, QueueWorkerHealthIndicator, QueueDashboard],
    };
  }
}
