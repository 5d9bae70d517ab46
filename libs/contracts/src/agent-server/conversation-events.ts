import { z } from 'zod';
import { EventBaseSchema } from './event-base';

/**
 * `key` of the state update whose `value` is the whole conversation state; a new WebSocket
 * subscriber receives one first.
 */
export const FULL_STATE_KEY = 'full_state';

/**
 * One conversation state field changed (`key`, e.g. `execution_status`, and its new `value`),
 * or the whole state with `key: "full_state"`.
 */
export const ConversationStateUpdateEventSchema = EventBaseSchema.extend({
  kind: z.literal('ConversationStateUpdateEvent'),
  key: z.string().min(1),
  value: z.unknown(),
}).meta({ id: 'ConversationStateUpdateEvent' });
export type ConversationStateUpdateEvent = z.infer<typeof ConversationStateUpdateEventSchema>;

/** The conversation failed as a whole (e.g. the LLM provider kept refusing), not one tool. */
export const ConversationErrorEventSchema = EventBaseSchema.extend({
  kind: z.literal('ConversationErrorEvent'),
  code: z.string().min(1),
  detail: z.string(),
}).meta({ id: 'ConversationErrorEvent' });
export type ConversationErrorEvent = z.infer<typeof ConversationErrorEventSchema>;

/** A pause request took effect (between two agent steps). */
export const PauseEventSchema = EventBaseSchema.extend({
  kind: z.literal('PauseEvent'),
}).meta({ id: 'PauseEvent' });
export type PauseEvent = z.infer<typeof PauseEventSchema>;
