import {
  type AgentRunResponse,
  AgentRunResponseSchema,
  type Event,
  EventSchema,
} from '@agentrt/contracts';
import type { SseMessage } from './sse';

/** One item of a followed run: an agent-server event, or the run's new state. */
export type RunStreamItem =
  { type: 'event'; event: Event } | { type: 'status'; run: AgentRunResponse };

/**
 * A message of `GET /api/runs/{id}/events` as a stream item; `end` for the last message, and
 * undefined for anything this client does not know (an event kind newer than its contracts):
 * skipped rather than ending the follow.
 */
export function runStreamItem(message: SseMessage): RunStreamItem | 'end' | undefined {
  if (message.event === 'end') return 'end';
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return undefined;
  }
  if (message.event === 'event') {
    const parsed = EventSchema.safeParse(data);
    return parsed.success ? { type: 'event', event: parsed.data } : undefined;
  }
  if (message.event === 'status') {
    const parsed = AgentRunResponseSchema.safeParse(data);
    return parsed.success ? { type: 'status', run: parsed.data } : undefined;
  }
  return undefined;
}
