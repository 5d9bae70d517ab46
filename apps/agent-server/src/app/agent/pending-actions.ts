import type { ActionEvent, Event } from '@agentrt/contracts';

/**
 * Actions the agent decided on that have no outcome yet (no observation, rejection or error
 * for their tool call). Under `AlwaysConfirm` these are what the user accepts or rejects.
 */
export function pendingActions(history: readonly Event[]): ActionEvent[] {
  const settled = new Set<string>();
  for (const event of history) {
    if (
      event.kind === 'ObservationEvent' ||
      event.kind === 'UserRejectObservation' ||
      event.kind === 'AgentErrorEvent'
    ) {
      settled.add(event.tool_call_id);
    }
  }
  return history.filter(
    (event): event is ActionEvent =>
      event.kind === 'ActionEvent' && event.action !== null && !settled.has(event.tool_call_id),
  );
}
