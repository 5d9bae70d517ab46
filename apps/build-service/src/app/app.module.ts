import { AppConfigModule, HealthModule, JsonLoggingModule, MetricsModule } from '@agentrt/platform';
import { BuildStorageModule } from '@agentrt/blob-store';
import { BuildStateModule } from '@agentrt/build-state';
import { QueueModule, QueueWorkerHealthIndicator } from '@agentrt/queues';
import { RedisHealthIndicator, RedisModule } from '@agentrt/redis';
import { type DynamicModule, Module } from '@nestjs/common';
import { BUILD_SERVICE_CONFIG, type BuildServiceConfig } from './config/build-service.config';
import { BuildsModule } from './builds/builds.module';
import { DiagnosticProcessor } from './diagnostics/diagnostic.processor';

export const SERVICE_NAME = 'build-service';

@Module({})
export class AppModule {
  static register(config: BuildServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(BUILD_SERVICE_CONFIG, config),
        JsonLoggingModule.forRoot({ service: SERVICE_NAME, level: config.LOG_LEVEL }),
        MetricsModule.forRoot({ app: SERVICE_NAME, enabled: config.METRICS_ENABLED }),
        RedisModule.forRoot({
          url: config.REDIS_URL,
          keyPrefix: config.REDIS_KEY_PREFIX,
          connectionName: SERVICE_NAME,
        }),
        QueueModule.forRoot({ url: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
        BuildStateModule.forRoot({ retentionSeconds: config.BUILD_RETENTION_SECONDS }),
        BuildStorageModule.forRoot({ dataDir: config.BUILD_DATA_DIR }),
        BuildsModule,
        HealthModule.register({
          service: SERVICE_NAME,
          indicators: [RedisHealthIndicator, QueueWorkerHealthIndicator],
          details: { worker_id: config.WORKER_ID },
        }),
      ],
      providers: [DiagnosticProcessor],
    };
  }
}
