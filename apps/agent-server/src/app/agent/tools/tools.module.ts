import { TmuxService } from '@agentrt/tmux';
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../../config/agent-server.config';
import { AGENT_TOOLS, type AgentTool } from './agent-tool';
import { BrowserTool } from './browser/browser.tool';
import { CodeCellSessions } from './code-cell/code-cell-sessions';
import { CodeCellTool } from './code-cell/code-cell.tool';
import { FileEditorTool } from './file-editor/file-editor.tool';
import { FinishTool } from './finish.tool';
import { TaskTrackerTool } from './task-tracker/task-tracker.tool';
import { TerminalSessions } from './terminal/terminal-sessions';
import { TerminalTool } from './terminal/terminal.tool';

/**
 * The agent's tools, offered as {@link AGENT_TOOLS}, and the {@link TmuxService} holding their
 * terminal sessions (on the `TMUX_SOCKET` socket); those sessions end when the server shuts down.
 */
@Module({
  providers: [
    {
      provide: TmuxService,
      useFactory: (config: AgentServerConfig) =>
        new TmuxService({ socketName: config.TMUX_SOCKET }),
      inject: [AGENT_SERVER_CONFIG],
    },
    TerminalSessions,
    TerminalTool,
    FileEditorTool,
    CodeCellSessions,
    CodeCellTool,
    TaskTrackerTool,
    BrowserTool,
    FinishTool,
    {
      provide: AGENT_TOOLS,
      useFactory: (...tools: AgentTool[]): AgentTool[] => tools,
      inject: [
        TerminalTool,
        FileEditorTool,
        CodeCellTool,
        TaskTrackerTool,
        BrowserTool,
        FinishTool,
      ],
    },
  ],
  exports: [AGENT_TOOLS, TmuxService],
})
export class AgentToolsModule implements OnApplicationShutdown {
  constructor(@Inject(TmuxService) private readonly tmux: TmuxService) {}

  async onApplicationShutdown(): Promise<void> {
    await this.tmux.dispose();
  }
}
