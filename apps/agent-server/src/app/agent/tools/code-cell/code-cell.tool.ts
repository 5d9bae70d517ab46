import { Inject, Injectable } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../../../config/agent-server.config';
import type { AgentTool, ToolContext, ToolOutcome } from '../agent-tool';
import { CODE_CELL_DESCRIPTION, type CodeCellArgs, CodeCellArgsSchema } from './code-cell-args';
import { cellOutcome, cellRefusal } from './code-cell-observation';
import { type CodeCellSession, CodeCellSessions } from './code-cell-sessions';
import { runCell } from './run-cell';

const RESTARTED =
  'The Python interpreter was restarted: earlier variables, imports and definitions are gone.';

/**
 * OpenHands' `execute_ipython_cell`: Python cells in the conversation's persistent python3
 * interpreter (a small REPL driver, not Jupyter, so nothing beyond python3 is needed). Without
 * python3 the tool is still offered and answers every cell with an error saying so, so an agent
 * configured with it learns why instead of failing to start.
 */
@Injectable()
export class CodeCellTool implements AgentTool<CodeCellArgs> {
  readonly name = 'execute_ipython_cell';
  readonly aliases = ['IPythonTool', 'CodeCellTool', 'ipython', 'execute_ipython_cell'];
  readonly description = CODE_CELL_DESCRIPTION;
  readonly parameters = CodeCellArgsSchema;
  readonly actionKind = 'IPythonRunCellAction';

  constructor(
    private readonly sessions: CodeCellSessions,
    @Inject(AGENT_SERVER_CONFIG) private readonly config: AgentServerConfig,
  ) {}

  execute(args: CodeCellArgs, context: ToolContext): Promise<ToolOutcome> {
    if (args.code.trim() === '' && !args.restart)
      return Promise.resolve(cellRefusal(args.code, 'No code given: `code` is empty.'));
    return this.sessions.serialize(context.conversationId, () => this.executeNow(args, context));
  }

  release(conversationId: string): Promise<void> {
    return this.sessions.release(conversationId);
  }

  private async executeNow(args: CodeCellArgs, context: ToolContext): Promise<ToolOutcome> {
    if (args.restart) await this.sessions.restart(context.conversationId);
    const session = await this.acquire(args.code, context);
    if ('refusal' in session) return session.refusal;
    if (args.code.trim() === '')
      return { ...cellOutcome(this.report(args, session)), text: RESTARTED };
    const timeoutSeconds = this.timeoutSeconds(args.timeout);
    const request = {
      code: args.code,
      limit: this.config.TERMINAL_OUTPUT_LIMIT,
      envSet: session.envSet,
      envUnset: session.envUnset,
    };
    const { end, timedOut } = await runCell(session.python, request, {
      timeoutMs: timeoutSeconds * 1000,
      signal: context.signal,
    });
    const outcome = cellOutcome({
      ...this.report(args, session),
      ...end,
      timedOut,
      timeoutSeconds,
    });
    if (!args.restart) return outcome;
    return { ...outcome, text: `[${RESTARTED}]\n${outcome.text}` };
  }

  private async acquire(
    code: string,
    context: ToolContext,
  ): Promise<CodeCellSession | { refusal: ToolOutcome }> {
    try {
      return await this.sessions.acquire(context);
    } catch (error) {
      const python = this.config.CODE_CELL_PYTHON;
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `Python is not available in this runtime: \`${python}\` was not found. Use the terminal tool instead.`
          : `The Python interpreter could not start: ${(error as Error).message}`;
      return { refusal: cellRefusal(code, reason) };
    }
  }

  private report(args: CodeCellArgs, session: CodeCellSession) {
    return {
      code: args.code,
      timedOut: false,
      timeoutSeconds: 0,
      fresh: session.fresh,
      outputLimit: this.config.TERMINAL_OUTPUT_LIMIT,
    };
  }

  /** The requested timeout within [1 s, the terminal's maximum]; the default when unset. */
  private timeoutSeconds(requested: number | null | undefined): number {
    const seconds = requested ?? this.config.CODE_CELL_TIMEOUT_SECONDS;
    return Math.min(Math.max(1, Math.ceil(seconds)), this.config.TERMINAL_MAX_TIMEOUT_SECONDS);
  }
}
