import { AppConfigModule, HealthModule, JsonLoggingModule, MetricsModule } from '@agentrt/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { AgentModule } from './agent/agent.module';
import { BashModule } from './bash/bash.module';
import { CliAgentsModule } from './cli-agents/cli-agents.module';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from './config/agent-server.config';
import { ConversationsModule } from './conversations/conversations.module';
import { FilesModule } from './files/files.module';
import { ServerModule } from './server.module';
import { SocketsModule } from './sockets/sockets.module';

export const SERVICE_NAME = 'agent-server';

@Module({})
export class AppModule {
  static register(config: AgentServerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(AGENT_SERVER_CONFIG, config),
        JsonLoggingModule.forRoot({ service: SERVICE_NAME, level: config.LOG_LEVEL }),
        // Public like /health (SessionKeyGuard guards /api/* only): counts, never conversation ids.
        MetricsModule.forRoot({ app: SERVICE_NAME, enabled: config.METRICS_ENABLED }),
        // The agent server depends on nothing outside its runtime, so health has no checks.
        HealthModule.register({ service: SERVICE_NAME, indicators: [] }),
        ServerModule,
        // Feature modules (one line each):
        ConversationsModule,
        SocketsModule,
        BashModule,
        FilesModule,
        AgentModule,
        CliAgentsModule,
      ],
    };
  }
}
