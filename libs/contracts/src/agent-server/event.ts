import { z } from 'zod';
import {
  ConversationErrorEventSchema,
  ConversationStateUpdateEventSchema,
  PauseEventSchema,
} from './conversation-events';
import { CondensationSchema } from './condensation-events';
import { MessageEventSchema, SystemPromptEventSchema } from './message-events';
import {
  ActionEventSchema,
  AgentErrorEventSchema,
  ObservationEventSchema,
  UserRejectObservationSchema,
} from './tool-events';

/**
 * Any agent server event, chosen by `kind`: what `/events/search` pages hold, what
 * `/events/{id}` returns and what each WebSocket text frame carries. Unknown fields survive.
 */
export const EventSchema = z
  .discriminatedUnion('kind', [
    MessageEventSchema,
    ActionEventSchema,
    ObservationEventSchema,
    UserRejectObservationSchema,
    AgentErrorEventSchema,
    SystemPromptEventSchema,
    ConversationStateUpdateEventSchema,
    ConversationErrorEventSchema,
    PauseEventSchema,
    CondensationSchema,
  ])
  .meta({ id: 'Event' });
export type Event = z.infer<typeof EventSchema>;

const eventKinds = {
  MessageEvent: 'MessageEvent',
  ActionEvent: 'ActionEvent',
  ObservationEvent: 'ObservationEvent',
  UserRejectObservation: 'UserRejectObservation',
  AgentErrorEvent: 'AgentErrorEvent',
  SystemPromptEvent: 'SystemPromptEvent',
  ConversationStateUpdateEvent: 'ConversationStateUpdateEvent',
  ConversationErrorEvent: 'ConversationErrorEvent',
  PauseEvent: 'PauseEvent',
  Condensation: 'Condensation',
} as const satisfies { [K in Event['kind']]: K };

/** Every `kind` in {@link EventSchema}; the `satisfies` above keeps the two in step. */
export const EventKindSchema = z.enum(eventKinds);
export type EventKind = z.infer<typeof EventKindSchema>;
