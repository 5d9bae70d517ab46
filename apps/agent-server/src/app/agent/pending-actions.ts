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

/**
 * Key of the ConversationStateUpdateEvent that records input given for a pending action on
 * accepting it (`respond_to_confirmation` with `action_input`); its value is {@link ReplacedInput}.
 */
export const REPLACED_INPUT_KEY = 'replaced_action_input';

export interface ReplacedInput {
  action_id: string;
  input: Record<string, unknown>;
}

/**
 * The action as it is to run: with the input the user gave on accepting it, when there is one
 * (the latest wins), else as the LLM asked for it. The event in the history stays as it was.
 */
export function withReplacedInput(action: ActionEvent, history: readonly Event[]): ActionEvent {
  let replaced: ReplacedInput | undefined;
  for (const event of history) {
    if (event.kind !== 'ConversationStateUpdateEvent' || event.key !== REPLACED_INPUT_KEY) continue;
    const value = event.value as ReplacedInput | null;
    if (value?.action_id === action.id) replaced = value;
  }
  if (!replaced || !action.action) return action;
  return { ...action, action: { kind: action.action.kind, ...replaced.input } };
}
