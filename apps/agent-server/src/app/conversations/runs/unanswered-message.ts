import type { Event } from '@agentrt/contracts';

/**
 * True when the latest user message came after everything the agent did: it has not been
 * answered yet, so a run has something to do.
 */
export function hasUnansweredMessage(history: readonly Event[]): boolean {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const event = history[index];
    if (event?.source === 'agent') return false;
    if (event?.kind === 'MessageEvent' && event.source === 'user') return true;
  }
  return false;
}
