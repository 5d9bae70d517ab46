import { TmuxService } from '@agentrt/tmux';
import { Inject, Injectable } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../../../config/agent-server.config';
import type { AgentTool, ToolContext, ToolOutcome } from '../agent-tool';
import { TERMINAL_DESCRIPTION, type TerminalArgs, TerminalArgsSchema } from './terminal-args';
import { terminalOutcome, terminalRefusal, terminalReset } from './terminal-observation';
import { TerminalSessions } from './terminal-sessions';

/** The OpenHands `terminal` tool: bash commands in the conversation's persistent tmux shell. */
@Injectable()
export class TerminalTool implements AgentTool<TerminalArgs> {
  readonly name = 'terminal';
  readonly aliases = ['TerminalTool', 'BashTool', 'execute_bash', 'terminal'];
  readonly description = TERMINAL_DESCRIPTION;
  readonly parameters = TerminalArgsSchema;
  readonly actionKind = 'TerminalAction';

  constructor(
    private readonly sessions: TerminalSessions,
    private readonly tmux: TmuxService,
    @Inject(AGENT_SERVER_CONFIG) private readonly config: AgentServerConfig,
  ) {}

  async execute(args: TerminalArgs, context: ToolContext): Promise<ToolOutcome> {
    const refusal = refusalOf(args);
    if (refusal) return refusal;
    if (args.reset) await this.sessions.reset(context.conversationId);
    const session = await this.sessions.ensure(context);
    if (args.reset && args.command.trim() === '') {
      return terminalReset(args.command, context.workingDir);
    }
    const seconds = this.timeoutSeconds(args.timeout);
    const result = await this.tmux.run(session, args.command, {
      timeoutMs: seconds * 1000,
      signal: context.signal,
    });
    return terminalOutcome(args.command, result, seconds, this.config.TERMINAL_OUTPUT_LIMIT);
  }

  release(conversationId: string): Promise<void> {
    return this.sessions.release(conversationId);
  }

  /** The requested timeout within [1 s, the configured maximum]; the default when unset. */
  private timeoutSeconds(requested: number | null | undefined): number {
    const seconds = requested ?? this.config.TERMINAL_TIMEOUT_SECONDS;
    return Math.min(Math.max(1, Math.ceil(seconds)), this.config.TERMINAL_MAX_TIMEOUT_SECONDS);
  }
}

/** Calls that cannot run: input for a process (none outlives its call here), or nothing at all. */
function refusalOf(args: TerminalArgs): ToolOutcome | undefined {
  if (args.is_input) {
    const reason = args.reset
      ? '`reset` cannot be combined with `is_input`.'
      : 'No command is running to send input to: a command is always stopped when its timeout ' +
        'passes. Run the program again with its input piped in (e.g. `printf "y\\n" | cmd`).';
    return terminalRefusal(args.command, reason, null);
  }
  if (args.command.trim() === '' && !args.reset) {
    return terminalRefusal(args.command, 'No command given: `command` is empty.', null);
  }
  return undefined;
}
