import type { Condensation, Event } from '@agentrt/contracts';

/** What the LLM reads of a history: events left after the latest condensation, and its summary. */
export interface CondensedView {
  events: Event[];
  summary?: string;
  /** Where in `events` the summary goes. */
  summaryOffset: number;
  forgotten: ReadonlySet<string>;
}

/** Kinds the LLM reads; everything else (state updates, prompts, errors of the run) it never did. */
const READ_BY_LLM = new Set<Event['kind']>([
  'MessageEvent',
  'ActionEvent',
  'ObservationEvent',
  'UserRejectObservation',
  'AgentErrorEvent',
]);

/** Applies the latest Condensation event of `history`: forgotten events out, summary noted. */
export function condensedView(history: readonly Event[]): CondensedView {
  const latest = latestCondensation(history);
  const forgotten = new Set<string>(latest?.forgotten_event_ids ?? []);
  const events = history.filter((event) => READ_BY_LLM.has(event.kind) && !forgotten.has(event.id));
  return {
    events,
    ...(latest?.summary ? { summary: latest.summary } : {}),
    summaryOffset: Math.min(latest?.summary_offset ?? 0, events.length),
    forgotten,
  };
}

// The lib target predates Array.prototype.findLast.
function latestCondensation(history: readonly Event[]): Condensation | undefined {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const event = history[index];
    if (event?.kind === 'Condensation') return event;
  }
  return undefined;
}
