import {
  AppConfigModule,
  apiKeyGuardProvider,
  HealthModule,
  JsonLoggingModule,
  MetricsModule,
} from '@agentrt/platform';
import { BuildStorageModule } from '@agentrt/blob-store';
import { BuildStateModule } from '@agentrt/build-state';
import { QueueModule } from '@agentrt/queues';
import { RedisHealthIndicator, RedisModule } from '@agentrt/redis';
import { RuntimeStateModule } from '@agentrt/runtime-state';
import { type DynamicModule, Module } from '@nestjs/common';
import { RUNTIME_API_CONFIG, type RuntimeApiConfig } from './config/runtime-api.config';
import { RuntimeBackendHealthIndicator } from './backends/runtime-backend.health';
import { RuntimeBackendsModule } from './backends/runtime-backends.module';
import { BuildsModule } from './builds/builds.module';
import { DiagnosticsModule } from './diagnostics/diagnostics.module';
import { ImagesModule } from './images/images.module';
import { RuntimeProxyModule } from './proxy/runtime-proxy.module';
import { RuntimesModule } from './runtimes/runtimes.module';

export const SERVICE_NAME = 'runtime-api';

@Module({})
export class AppModule {
  static register(config: RuntimeApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(RUNTIME_API_CONFIG, config),
        JsonLoggingModule.forRoot({ service: SERVICE_NAME, level: config.LOG_LEVEL }),
        MetricsModule.forRoot({ app: SERVICE_NAME, enabled: config.METRICS_ENABLED }),
        RedisModule.forRoot({
          url: config.REDIS_URL,
          keyPrefix: config.REDIS_KEY_PREFIX,
          connectionName: SERVICE_NAME,
        }),
        QueueModule.forRoot({ url: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
        RuntimeStateModule.forRoot({ retentionSeconds: config.RUNTIME_RETENTION_SECONDS }),
        BuildStateModule.forRoot({ retentionSeconds: config.BUILD_RETENTION_SECONDS }),
        BuildStorageModule.forRoot({ dataDir: config.BUILD_DATA_DIR }),
        RuntimeBackendsModule,
        HealthModule.register({
          service: SERVICE_NAME,
          indicators: [RedisHealthIndicator, RuntimeBackendHealthIndicator],
          details: { backend: config.RUNTIME_BACKEND },
        }),
        DiagnosticsModule,
        RuntimesModule,
        RuntimeProxyModule,
        ImagesModule,
        BuildsModule,
      ],
      providers: [apiKeyGuardProvider(config.RUNTIME_API_KEY_HASHES)],
    };
  }
}
