import { randomUUID } from 'node:crypto';
import {
  type Event,
  type EventPage,
  type EventSearchQuery,
  type ExecutionStatus,
  FULL_STATE_KEY,
} from '@agentrt/contracts';

const START_MS = Date.parse('2026-01-01T00:00:00Z');

/** Microseconds of an ISO timestamp (the fake only makes `...sss000Z` ones). */
export function timeOf(iso: string): number {
  const fraction = /\.(\d+)/.exec(iso)?.[1] ?? '';
  return Math.floor(Date.parse(iso) / 1000) * 1_000_000 + Number(fraction.padEnd(6, '0'));
}

/** One conversation's stored events, stamped 1 ms apart as the real server's clock would. */
export class FakeEventLog {
  readonly events: Event[] = [];
  private current: ExecutionStatus = 'idle';

  constructor(readonly conversationId: string) {}

  message(text: string): Event {
    return {
      ...this.base('agent'),
      kind: 'MessageEvent',
      llm_message: { role: 'assistant', content: [{ type: 'text', text }] },
    };
  }

  status(status: ExecutionStatus): Event {
    this.current = status;
    return {
      ...this.base('environment'),
      kind: 'ConversationStateUpdateEvent',
      key: 'execution_status',
      value: status,
    };
  }

  add(event: Event): Event {
    this.events.push(event);
    return event;
  }

  /** The unstored first frame of a subscription: a fresh id, stamped now. */
  fullState(): Event {
    return {
      kind: 'ConversationStateUpdateEvent',
      source: 'environment',
      id: randomUUID(),
      timestamp: stamp(START_MS + 1_000_000),
      key: FULL_STATE_KEY,
      value: { id: this.conversationId, execution_status: this.current },
    };
  }

  /** `events/search` as apps/agent-server's event-search.ts answers it; undefined: bad page. */
  search(query: EventSearchQuery, pageSize: number): EventPage | undefined {
    const from = query.timestamp__gte === undefined ? undefined : timeOf(query.timestamp__gte);
    const until = query.timestamp__lt === undefined ? undefined : timeOf(query.timestamp__lt);
    const matching = this.events.filter(
      (event) =>
        (query.kind === undefined || event.kind === query.kind) &&
        (from === undefined || timeOf(event.timestamp) >= from) &&
        (until === undefined || timeOf(event.timestamp) < until),
    );
    if (query.sort_order === 'TIMESTAMP_DESC') matching.reverse();
    const start = query.page_id ? matching.findIndex((event) => event.id === query.page_id) : 0;
    if (start < 0) return undefined; // not a next_page_id it gave: the real server says 400
    const limit = Math.min(query.limit, pageSize);
    const items = matching.slice(start, start + limit);
    const next = matching[start + limit];
    return { items, next_page_id: next?.id ?? null };
  }

  private base(source: 'agent' | 'environment') {
    return { id: randomUUID(), timestamp: stamp(START_MS + this.events.length + 1), source };
  }
}

/** ISO with six fractional digits, as the agent server writes its timestamps. */
function stamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, -1)}000Z`;
}
