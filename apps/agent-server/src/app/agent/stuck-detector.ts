import type { ActionEvent, Event } from '@agentrt/contracts';
import { toolResultsById } from './tool-results';

/** Identical action + observation pairs in a row that mean the agent is going in circles. */
const REPEATED_OBSERVATIONS = 4;
/** Identical action + error pairs in a row: errors loop sooner, so fewer are needed. */
const REPEATED_ERRORS = 3;

/**
 * The OpenHands SDK's main stuck patterns: since the user last spoke, the agent repeated the same
 * action with the same result 4 times, or the same failing action 3 times.
 */
export function isStuck(history: readonly Event[]): boolean {
  let start = 0;
  history.forEach((event, index) => {
    if (event.kind === 'MessageEvent' && event.source === 'user') start = index + 1;
  });
  const recent = history.slice(start);
  const results = toolResultsById(recent);
  const steps = recent
    .filter((event): event is ActionEvent => event.kind === 'ActionEvent')
    .flatMap((action) => {
      const result = results.get(action.tool_call_id);
      return result ? [{ key: signature(action, result.text), isError: result.isError }] : [];
    });
  const last = steps.at(-1);
  if (!last) return false;
  const needed = last.isError ? REPEATED_ERRORS : REPEATED_OBSERVATIONS;
  const tail = steps.slice(-needed);
  return tail.length === needed && tail.every((step) => step.key === last.key);
}

function signature(action: ActionEvent, resultText: string): string {
  const args = action.action ?? action.tool_call?.arguments ?? null;
  return JSON.stringify([action.tool_name, args, resultText]);
}
