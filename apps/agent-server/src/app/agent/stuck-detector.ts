import type { ActionEvent, Event } from '@agentrt/contracts';
import { toolResultsById } from './tool-results';

/** Identical action + observation pairs in a row that mean the agent is going in circles. */
const REPEATED_OBSERVATIONS = 4;
/** Identical action + error pairs in a row: errors loop sooner, so fewer are needed. */
const REPEATED_ERRORS = 3;
/** Steps of an A, B, A, B, ... loop between two different action + result pairs. */
const ALTERNATING_STEPS = 6;

export type StuckPattern = 'repeated_observation' | 'repeated_error' | 'alternating';

/** Why a run is stuck, in words the user reads in the run's closing event. */
export interface Stuck {
  pattern: StuckPattern;
  detail: string;
}

interface Step {
  key: string;
  isError: boolean;
  tool: string;
}

/**
 * The OpenHands SDK's stuck patterns, looked for since the user last spoke: the same action with
 * the same result 4 times, the same failing action 3 times, or two actions alternating with the
 * same results for 6 steps.
 */
export function detectStuck(history: readonly Event[]): Stuck | undefined {
  const steps = stepsSinceUserSpoke(history);
  const last = steps.at(-1);
  if (!last) return undefined;
  const needed = last.isError ? REPEATED_ERRORS : REPEATED_OBSERVATIONS;
  if (repeats(steps, needed)) {
    return last.isError
      ? {
          pattern: 'repeated_error',
          detail: `the agent ran the same failing ${last.tool} action ${needed} times in a row`,
        }
      : {
          pattern: 'repeated_observation',
          detail: `the agent ran the same ${last.tool} action with the same result ${needed} times in a row`,
        };
  }
  if (alternates(steps)) {
    return {
      pattern: 'alternating',
      detail: `the agent alternated between the same two actions and results for ${ALTERNATING_STEPS} steps`,
    };
  }
  return undefined;
}

/** Kept for callers that only need a yes or no. */
export function isStuck(history: readonly Event[]): boolean {
  return detectStuck(history) !== undefined;
}

function repeats(steps: readonly Step[], needed: number): boolean {
  const tail = steps.slice(-needed);
  return tail.length === needed && tail.every((step) => step.key === tail[0]?.key);
}

function alternates(steps: readonly Step[]): boolean {
  const tail = steps.slice(-ALTERNATING_STEPS);
  if (tail.length < ALTERNATING_STEPS) return false;
  const [a, b] = [tail[0]?.key, tail[1]?.key];
  return a !== b && tail.every((step, index) => step.key === (index % 2 === 0 ? a : b));
}

function stepsSinceUserSpoke(history: readonly Event[]): Step[] {
  let start = 0;
  history.forEach((event, index) => {
    if (event.kind === 'MessageEvent' && event.source === 'user') start = index + 1;
  });
  const recent = history.slice(start);
  const results = toolResultsById(recent);
  return recent
    .filter((event): event is ActionEvent => event.kind === 'ActionEvent')
    .flatMap((action) => {
      const result = results.get(action.tool_call_id);
      if (!result) return [];
      return [
        { key: signature(action, result.text), isError: result.isError, tool: action.tool_name },
      ];
    });
}

function signature(action: ActionEvent, resultText: string): string {
  const args = action.action ?? action.tool_call?.arguments ?? null;
  return JSON.stringify([action.tool_name, args, resultText]);
}
