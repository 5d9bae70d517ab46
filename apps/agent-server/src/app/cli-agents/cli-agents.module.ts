import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TmuxService } from '@agentrt/tmux';
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../config/agent-server.config';
import { CliAgentsController } from './cli-agents.controller';
import { CliAgentsService } from './cli-agents.service';
import { CLI_AGENTS_TMUX } from './cli-agents.tokens';

/**
 * `/api/cli-agents`: AI CLIs in tmux sessions on the server's `TMUX_SOCKET`, through a tmux
 * service of their own (own session files), so ending the terminal tool's sessions never touches
 * them. The sessions end when the server shuts down.
 */
@Module({
  controllers: [CliAgentsController],
  providers: [
    {
      provide: CLI_AGENTS_TMUX,
      useFactory: (config: AgentServerConfig) =>
        new TmuxService({
          socketName: config.TMUX_SOCKET,
          stateDir: join(tmpdir(), `agentrt-cli-agents-${config.TMUX_SOCKET}`),
        }),
      inject: [AGENT_SERVER_CONFIG],
    },
    CliAgentsService,
  ],
})
export class CliAgentsModule implements OnApplicationShutdown {
  constructor(@Inject(CLI_AGENTS_TMUX) private readonly tmux: TmuxService) {}

  async onApplicationShutdown(): Promise<void> {
    await this.tmux.dispose();
  }
}
