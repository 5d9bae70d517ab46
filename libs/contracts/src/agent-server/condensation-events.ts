import { z } from 'zod';
import { EventBaseSchema } from './event-base';

/**
 * The agent's history was condensed so the LLM's context does not overflow (the SDK's
 * `Condensation`): the LLM no longer reads `forgotten_event_ids` (they stay in the event log),
 * and reads `summary` in their place, as a user message at position `summary_offset` of what
 * it still reads. Each condensation lists every event forgotten so far, so the latest one alone
 * tells the LLM's view.
 */
export const CondensationSchema = EventBaseSchema.extend({
  kind: z.literal('Condensation'),
  forgotten_event_ids: z.array(z.string()),
  summary: z.string().nullish(),
  summary_offset: z.number().int().nonnegative().nullish(),
}).meta({ id: 'Condensation' });
export type Condensation = z.infer<typeof CondensationSchema>;

/**
 * `agent.condenser` (the SDK's `LLMSummarizingCondenser`): once the LLM would read more than
 * `max_size` events, the oldest after the first `keep_first` are summarised by the agent's LLM.
 */
export const CondenserConfigSchema = z
  .looseObject({
    kind: z.string().optional(),
    max_size: z.number().int().min(1).max(100_000).optional(),
    keep_first: z.number().int().min(0).max(1000).optional(),
  })
  .meta({ id: 'CondenserConfig' });
export type CondenserConfig = z.infer<typeof CondenserConfigSchema>;
