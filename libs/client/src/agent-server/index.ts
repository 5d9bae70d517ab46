export {
  AgentServerClient,
  type AgentServerClientOptions,
  type LongCallOptions,
} from './agent-server.client';
export type {
  BashEventQuery,
  BashOptions,
  ConversationQuery,
  EventQuery,
} from './agent-server.queries';
export { reconnectDelay, DEFAULT_RECONNECT_BACKOFF, type ReconnectBackoffOptions } from './backoff';
export type { EventPosition } from './event-ledger';
export {
  ConversationEventStream,
  type EventStreamOptions,
  type StreamStatus,
  type EventWaitOptions,
} from './event-stream';
export { EventStreamClosed, EventStreamGaveUp } from './event-stream-errors';
export { executionStatusOf, SETTLED_STATUSES } from './event-waiters';
