import type { Event } from '@agentrt/contracts';
import type { CondensedView } from './condensed-view';

export interface CondenserSettings {
  /** Condense once the LLM would read more events than this; 0 turns condensation off. */
  maxSize: number;
  /** Events at the start that are never condensed (the task as the user gave it). */
  keepFirst: number;
}

/** Which events to forget now, and where the summary goes. */
export interface CondensationPlan {
  forget: Event[];
  keepFirst: number;
}

/**
 * The SDK's LLMSummarizingCondenser rule: past `maxSize` events, keep the first `keepFirst` and
 * the most recent half, and forget (summarise) what lies between. `force` condenses whatever is
 * above the kept head and tail (the provider said the context is too long). The cut never falls
 * between an action and its result, so the LLM never sees a call without its answer.
 */
export function planCondensation(
  view: CondensedView,
  settings: CondenserSettings,
  force = false,
): CondensationPlan | undefined {
  const { events } = view;
  if (settings.maxSize <= 0) return undefined;
  if (!force && events.length <= settings.maxSize) return undefined;
  const keepFirst = Math.min(settings.keepFirst, events.length);
  const keepLast = force
    ? Math.max(1, Math.floor((events.length - keepFirst) / 2))
    : Math.max(1, Math.floor(settings.maxSize / 2) - keepFirst);
  let end = events.length - keepLast;
  // Keep an action's result with it: move the cut back to before the action of a kept result.
  while (end > keepFirst && isResult(events[end])) end -= 1;
  const forget = events.slice(keepFirst, end);
  return forget.length > 0 ? { forget, keepFirst } : undefined;
}

function isResult(event: Event | undefined): boolean {
  return (
    event?.kind === 'ObservationEvent' ||
    event?.kind === 'AgentErrorEvent' ||
    event?.kind === 'UserRejectObservation'
  );
}
