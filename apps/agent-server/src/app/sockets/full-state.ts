import { randomUUID } from 'node:crypto';
import { type ConversationInfo, type Event, FULL_STATE_KEY } from '@agentrt/contracts';
import { isoFromMicros } from '../conversations/model/timestamps';

/**
 * The first frame of an event socket: the whole (masked) conversation as a state update with
 * key `full_state`. Clients wait for it before they act; it is not stored.
 */
export function fullStateEvent(info: ConversationInfo, nowMs: number): Event {
  return {
    kind: 'ConversationStateUpdateEvent',
    source: 'environment',
    id: randomUUID(),
    timestamp: isoFromMicros(nowMs * 1000),
    key: FULL_STATE_KEY,
    value: info,
  };
}
