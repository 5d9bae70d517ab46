import type { CliAgentCommand, CliAgentInfo } from '@agentrt/contracts';
import { CLI_AGENT_SESSION_PREFIX } from './cli-agents.tokens';

/** A CLI agent the server started: what it needs to start it again after it died. */
export interface CliAgent {
  readonly name: string;
  readonly session: string;
  readonly command: CliAgentCommand;
  readonly argv: readonly string[];
  readonly cwd: string;
  /** Only the variables the request added: the runtime's own are read afresh at each start. */
  readonly env: Readonly<Record<string, string>>;
  createdAt: Date;
  restarts: number;
}

export const sessionOf = (name: string) => `${CLI_AGENT_SESSION_PREFIX}${name}`;

export function cliAgentInfo(
  agent: CliAgent,
  alive: boolean,
  attachArgv: readonly string[],
): CliAgentInfo {
  return {
    name: agent.name,
    command: typeof agent.command === 'string' ? agent.command : [...agent.command],
    cwd: agent.cwd,
    alive,
    created_at: agent.createdAt.toISOString(),
    restarts: agent.restarts,
    session: agent.session,
    // Names and the socket are limited to characters no shell treats specially.
    attach_command: attachArgv.join(' '),
  };
}

/** The last `count` lines of a capture, blank rows below the last output dropped. */
export function lastLines(capture: string, count: number): string {
  const lines = capture.split('\n');
  while (lines.length > 0 && (lines.at(-1) ?? '').trim() === '') lines.pop();
  return lines.slice(-count).join('\n');
}
