import type {
  ActionEvent,
  AgentRunStatus,
  DebugRunState,
  DebugRunStatus,
  Event,
  ExecutionStatus,
} from '@agentrt/contracts';
import { isTerminalRun, type RunRecord } from '@agentrt/gateway-state';

/** What a debug run's state is built from: its record, its events, and (while live) its conversation. */
export interface DebugSnapshot {
  record: RunRecord & { conversation_id: string; runtime: NonNullable<RunRecord['runtime']> };
  events: readonly Event[];
  /** The conversation's `execution_status`; undefined once the run has ended. */
  execution?: ExecutionStatus;
  now: Date;
}

type LastObservation = DebugRunState['last_observation'];

const ENDED_STATUS: Readonly<Record<AgentRunStatus, DebugRunStatus | undefined>> = {
  queued: undefined,
  running: undefined,
  succeeded: 'finished',
  failed: 'error',
  cancelled: 'stopped',
  timed_out: 'stopped',
};

const LIVE_STATUS: Readonly<Record<ExecutionStatus, DebugRunStatus>> = {
  idle: 'starting',
  running: 'running',
  waiting_for_confirmation: 'paused',
  paused: 'stopped',
  finished: 'finished',
  error: 'error',
  stuck: 'error',
  deleting: 'stopped',
};

/** The DebugRunState clients see (X-DEBUG-READ and the answer of every other command). */
export function buildDebugState(snapshot: DebugSnapshot): DebugRunState {
  const { record, events } = snapshot;
  const status = debugStatusOf(record.status, snapshot.execution);
  return {
    run_id: record.run_id,
    agent_id: record.agent_id,
    agent_version: record.agent_version,
    runtime_id: record.runtime.runtime_id,
    conversation_id: record.conversation_id,
    status,
    pending_action: status === 'paused' ? (pendingActions(events)[0] ?? null) : null,
    last_observation: lastObservation(events),
    history: [...events],
    steps: record.debug_steps ?? 0,
    updated_at: snapshot.now.toISOString(),
  };
}

/** The record decides once the run has ended; until then the conversation does. */
export function debugStatusOf(
  status: AgentRunStatus,
  execution: ExecutionStatus | undefined,
): DebugRunStatus {
  if (isTerminalRun(status)) return ENDED_STATUS[status] ?? 'stopped';
  return execution === undefined ? 'starting' : LIVE_STATUS[execution];
}

/**
 * Actions with no outcome yet (no observation, rejection or error for their tool call): under
 * AlwaysConfirm, what the next step runs or skips.
 */
export function pendingActions(events: readonly Event[]): ActionEvent[] {
  const settled = new Set<string>();
  for (const event of events) {
    if (isObservation(event)) settled.add(event.tool_call_id);
  }
  return events.filter(
    (event): event is ActionEvent =>
      event.kind === 'ActionEvent' && event.action !== null && !settled.has(event.tool_call_id),
  );
}

function lastObservation(events: readonly Event[]): LastObservation {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const event = events[i];
    if (event && isObservation(event)) return event;
  }
  return null;
}

function isObservation(event: Event): event is NonNullable<LastObservation> {
  return (
    event.kind === 'ObservationEvent' ||
    event.kind === 'UserRejectObservation' ||
    event.kind === 'AgentErrorEvent'
  );
}
