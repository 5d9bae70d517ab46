import { type GatewayModule, MODULES_BY_SERVER_MODE } from '@agentrt/contracts';
import { GatewayStateModule } from '@agentrt/gateway-state';
import { AppConfigModule, HealthModule, JsonLoggingModule, MetricsModule } from '@agentrt/platform';
import { RedisHealthIndicator, RedisModule } from '@agentrt/redis';
import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { AgentRunnerModule } from './agent-runner/agent-runner.module';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/gateway.config';
import { DebuggerModule } from './debugger/debugger.module';
import { EdgeModule } from './edge/edge.module';
import { EmbodimentModule } from './embodiments/embodiment.module';
import { RuntimeApiHealthIndicator } from './health/runtime-api.indicator';
import { RuntimeProxyModule } from './proxy/proxy.module';

export const SERVICE_NAME = 'gateway';

/** The Nest module of each gateway module; only those SERVER_MODE mounts are imported. */
const MODULE_CLASSES: Readonly<Partial<Record<GatewayModule, Type>>> = {
  'agent-runner': AgentRunnerModule,
  debugger: DebuggerModule,
  embodiment: EmbodimentModule,
};

@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    const mounted = MODULES_BY_SERVER_MODE[config.SERVER_MODE].flatMap((name) => {
      const moduleClass = MODULE_CLASSES[name];
      return moduleClass ? [moduleClass] : [];
    });
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(GATEWAY_CONFIG, config),
        JsonLoggingModule.forRoot({ service: SERVICE_NAME, level: config.LOG_LEVEL }),
        // Recorded here, served on the admin port only (see startAdminApp).
        MetricsModule.forRoot({ app: SERVICE_NAME, enabled: config.METRICS_ENABLED, serve: false }),
        RedisModule.forRoot({
          url: config.REDIS_URL,
          keyPrefix: config.REDIS_KEY_PREFIX,
          connectionName: SERVICE_NAME,
        }),
        GatewayStateModule.forRoot({ retentionSeconds: config.RUN_RETENTION_SECONDS }),
        EdgeModule, // credentials and rate limits, used by mountEdge (main.ts)
        RuntimeProxyModule, // the runtime proxy's resolver, used by mountGatewayProxy (main.ts)
        HealthModule.register({
          service: SERVICE_NAME,
          indicators: [RedisHealthIndicator, RuntimeApiHealthIndicator],
          details: {
            mode: config.SERVER_MODE,
            modules: MODULES_BY_SERVER_MODE[config.SERVER_MODE],
          },
        }),
        ...mounted,
      ],
    };
  }
}
