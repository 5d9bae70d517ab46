import type { AgentRunResponse, AgentRunStatus } from '@agentrt/contracts';

/** The runtime a run uses, as runtime-api handed it out; the session key stays server-side. */
export interface RunRuntime {
  runtime_id: string;
  url: string;
  session_api_key: string;
}

/**
 * A run as stored: the public view (AgentRunResponse) plus what only the gateway needs: who owns
 * it, its runtime, what to do with the runtime afterwards, and whether a cancel was asked for.
 */
export interface RunRecord extends AgentRunResponse {
  owner: string;
  /** `debug` runs belong to the debugger module, `run` to the agent-runner. */
  kind: 'run' | 'debug';
  runtime?: RunRuntime;
  /** `stop` the runtime after the run, or `keep` it (session runs; the idle reaper ends it). */
  release: 'stop' | 'keep';
  /** The run's time limit, counted from `created_at`. */
  timeout_seconds: number;
  /** Runs of one session share a runtime. */
  session_id?: string;
  cancel_requested?: boolean;
  /** Set every few seconds by the replica carrying the run out; a stale one means it was lost. */
  heartbeat_at?: string;
  /** Debug runs: how many pending actions the debugger has resolved (run, replaced, skipped). */
  debug_steps?: number;
}

export const TERMINAL_RUN_STATUSES: ReadonlySet<AgentRunStatus> = new Set<AgentRunStatus>([
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
]);

export function isTerminalRun(status: AgentRunStatus): boolean {
  return TERMINAL_RUN_STATUSES.has(status);
}

/** The public view of a record: no owner, runtime key or internal flags. */
export function runView(record: RunRecord): AgentRunResponse {
  const view: AgentRunResponse = {
    run_id: record.run_id,
    agent_id: record.agent_id,
    agent_version: record.agent_version,
    status: record.status,
    created_at: record.created_at,
  };
  const optional = {
    output: record.output,
    error: record.error,
    runtime_id: record.runtime?.runtime_id ?? record.runtime_id,
    conversation_id: record.conversation_id,
    finished_at: record.finished_at,
  };
  for (const [field, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(view, { [field]: value });
  }
  return view;
}
