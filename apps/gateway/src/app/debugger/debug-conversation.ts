import { type Event, EventSchema, type ExecutionStatus } from '@agentrt/contracts';
import type { AgentServerClient } from '@agentrt/client';
import { isTerminalRun, type RunRecord, RunStore } from '@agentrt/gateway-state';

/** How waiting for the next stop ended: the conversation stopped somewhere, or the run ended. */
export type StopOutcome =
  | { kind: 'stopped'; execution: ExecutionStatus }
  | { kind: 'ended'; record: RunRecord | undefined };

const POLL_MS = 200;

/**
 * Waits until the agent stops (before an action, finished, failed, paused) or the run ends
 * elsewhere (X-DEBUG-STOP from another replica). At the deadline it answers with the
 * conversation still `running`: the caller reports that, and X-DEBUG-READ follows later.
 */
export async function waitForStop(
  store: RunStore,
  server: AgentServerClient,
  record: RunRecord & { conversation_id: string },
  deadline: number,
): Promise<StopOutcome> {
  for (;;) {
    const current = await store.get(record.run_id);
    if (!current || isTerminalRun(current.status)) return { kind: 'ended', record: current };
    let execution: ExecutionStatus;
    try {
      execution = (await server.conversation(record.conversation_id)).execution_status;
    } catch (error) {
      // Stopped elsewhere meanwhile: its runtime is going away; the record says so next round.
      if (await store.isFinished(record.run_id)) continue;
      throw error;
    }
    if (execution !== 'running' || Date.now() >= deadline) return { kind: 'stopped', execution };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The events of a run: live from its agent server, or the copy saved when it ended. */
export async function eventsOf(
  store: RunStore,
  server: AgentServerClient | undefined,
  record: RunRecord & { conversation_id: string },
): Promise<Event[]> {
  if (server === undefined || isTerminalRun(record.status)) {
    const saved = (await store.savedEvents(record.run_id)) ?? [];
    return saved.flatMap((event) => {
      const parsed = EventSchema.safeParse(event);
      return parsed.success ? [parsed.data] : [];
    });
  }
  return server.allEvents(record.conversation_id);
}
