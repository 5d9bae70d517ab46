import { MODULES_BY_SERVER_MODE } from '@agentrt/contracts';
import { AppConfigModule, HealthModule, JsonLoggingModule } from '@agentrt/platform';
import { RedisHealthIndicator, RedisModule } from '@agentrt/redis';
import { type DynamicModule, Module } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/gateway.config';
import { RuntimeApiHealthIndicator } from './health/runtime-api.indicator';

export const SERVICE_NAME = 'gateway';

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(GATEWAY_CONFIG, config),
        JsonLoggingModule.forRoot({ service: SERVICE_NAME, level: config.LOG_LEVEL }),
        RedisModule.forRoot({
          url: config.REDIS_URL,
          keyPrefix: config.REDIS_KEY_PREFIX,
          connectionName: SERVICE_NAME,
        }),
        HealthModule.register({
          service: SERVICE_NAME,
          indicators: [RedisHealthIndicator, RuntimeApiHealthIndicator],
          details: {
            mode: config.SERVER_MODE,
            modules: MODULES_BY_SERVER_MODE[config.SERVER_MODE],
          },
        }),
      ],
    };
  }
}
