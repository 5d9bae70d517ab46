import type { Event } from '@agentrt/contracts';
import type { z } from 'zod';

/** What a tool may use while it runs for one conversation. */
export interface ToolContext {
  conversationId: string;
  /** The conversation's `workspace.working_dir` (absolute). */
  workingDir: string;
  /** Environment for processes the tool starts: runtime env plus the conversation's secrets. */
  env: Readonly<Record<string, string>>;
  /** Aborted when the run is cancelled (conversation deleted, server shutting down). */
  signal: AbortSignal;
  /** The conversation's events so far, for tools that restore their state from it (task list). */
  history?(): readonly Event[];
}

/** A tool's result: the observation event payload and the text the LLM reads. */
export interface ToolOutcome {
  /** Goes into ObservationEvent.observation; `kind` names it, e.g. `TerminalObservation`. */
  observation: { kind: string } & Record<string, unknown>;
  /** The tool result as the LLM sees it. */
  text: string;
  isError: boolean;
  /** Set by `finish`: the run ends with status `finished` after this observation. */
  finished?: boolean;
}

/**
 * One tool the agent can call. `name` is what the LLM sees; `aliases` are the names clients use
 * in `agent.tools[].name` (e.g. `TerminalTool`, the SDK's class name).
 */
export interface AgentTool<TArgs = unknown> {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description: string;
  /** Validates the LLM's arguments; also turned into the JSON schema the LLM is given. */
  readonly parameters: z.ZodType<TArgs>;
  /** ActionEvent.action.kind for this tool, e.g. `TerminalAction`. */
  readonly actionKind: string;
  execute(args: TArgs, context: ToolContext): Promise<ToolOutcome>;
  /** Frees per-conversation resources (a tmux session, undo history). */
  release?(conversationId: string): Promise<void>;
}

/** Multi-provider token: every AgentTool the server offers. */
export const AGENT_TOOLS = Symbol('AGENT_TOOLS');
