import { GatewayStateModule } from '@agentrt/gateway-state';
import {
  AppConfigModule,
  HealthModule,
  JsonLoggingModule,
  type Metrics,
  MetricsModule,
} from '@agentrt/platform';
import { RedisHealthIndicator, RedisModule } from '@agentrt/redis';
import { type DynamicModule, Module } from '@nestjs/common';
import { AgentsAdminModule } from '../agents/agents-admin.module';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { EdgeModule } from '../edge/edge.module';
import { KeysController } from './keys.controller';

export const ADMIN_SERVICE_NAME = 'gateway-admin';

/**
 * The admin app (ADMIN_PORT): a Nest app of its own, so none of its routes can ever be served on
 * the public port. It has its own Redis connection; all state it changes is in Redis, where the
 * public app (and every other replica) reads it.
 */
@Module({})
export class AdminModule {
  static register(config: GatewayConfig, metrics: Metrics): DynamicModule {
    return {
      module: AdminModule,
      imports: [
        AppConfigModule.forRoot(GATEWAY_CONFIG, config),
        // Same service name: both apps share one process and one log stream.
        JsonLoggingModule.forRoot({ service: 'gateway', level: config.LOG_LEVEL }),
        MetricsModule.forRoot({
          app: ADMIN_SERVICE_NAME,
          enabled: config.METRICS_ENABLED,
          shared: metrics,
        }),
        RedisModule.forRoot({
          url: config.REDIS_URL,
          keyPrefix: config.REDIS_KEY_PREFIX,
          connectionName: ADMIN_SERVICE_NAME,
        }),
        GatewayStateModule.forRoot({ retentionSeconds: config.RUN_RETENTION_SECONDS }),
        HealthModule.register({ service: ADMIN_SERVICE_NAME, indicators: [RedisHealthIndicator] }),
        EdgeModule,
        AgentsAdminModule,
      ],
      controllers: [KeysController],
    };
  }
}
