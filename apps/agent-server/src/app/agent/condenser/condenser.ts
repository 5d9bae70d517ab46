import type { Event } from '@agentrt/contracts';
import type { NewEvent } from '../agent-runner';
import type { LlmClient } from '../llm/llm-client';
import { type CondenserSettings, planCondensation } from './condensation-plan';
import { condensedView } from './condensed-view';
import { summarize } from './summarizer';

/** Keeps what the LLM reads within its settings by emitting Condensation events. */
export class Condenser {
  constructor(
    private readonly llm: LlmClient,
    private readonly settings: CondenserSettings,
    private readonly emit: (event: NewEvent) => Promise<Event>,
  ) {}

  /**
   * Condenses when the history outgrew `maxSize` (or, with `force`, whenever there is anything
   * to forget); true when it did.
   */
  async condense(history: readonly Event[], signal: AbortSignal, force = false): Promise<boolean> {
    const view = condensedView(history);
    const plan = planCondensation(view, this.settings, force);
    if (!plan) return false;
    const summary = await summarize(this.llm, view.summary, plan.forget, signal);
    await this.emit({
      kind: 'Condensation',
      source: 'environment',
      forgotten_event_ids: [...view.forgotten, ...plan.forget.map((event) => event.id)],
      summary,
      summary_offset: plan.keepFirst,
    });
    return true;
  }
}
