import type { Event } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { EventLog } from '../model/event-log';
import { searchEvents, countEvents } from './event-search';

const noAppend = { append: () => undefined, close: () => Promise.resolve() };

function event(n: number, kind: 'MessageEvent' | 'PauseEvent', second: number): Event {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const timestamp = `2025-06-01T12:00:${String(second).padStart(2, '0')}.000000Z`;
  return kind === 'PauseEvent'
    ? { kind, id, timestamp, source: 'user' }
    : { kind, id, timestamp, source: 'user', llm_message: { role: 'user', content: [] } };
}

const history = [
  event(1, 'MessageEvent', 1),
  event(2, 'PauseEvent', 2),
  event(3, 'MessageEvent', 3),
  event(4, 'MessageEvent', 4),
  event(5, 'PauseEvent', 5),
];
const log = new EventLog(
  history.map((e) => ({ event: e, line: JSON.stringify(e) })),
  noAppend,
);
const numbers = (events: readonly Event[]) => events.map((e) => Number(e.id.slice(-1)));

describe('event search', () => {
  it('filters by kind and by time range (from inclusive, until exclusive)', () => {
    const query = {
      kind: 'MessageEvent',
      timestamp__gte: '2025-06-01T12:00:03Z',
      timestamp__lt: '2025-06-01T12:00:04.000000+00:00',
    };
    expect(
      numbers(searchEvents(log, { ...query, limit: 100, sort_order: 'TIMESTAMP' }).items),
    ).toEqual([3]);
    expect(countEvents(log, query)).toBe(1);
    expect(countEvents(log, { kind: 'NoSuchEvent' })).toBe(0);
  });

  it('pages oldest or newest first; next_page_id leads on without gaps', () => {
    const up = searchEvents(log, { limit: 2, sort_order: 'TIMESTAMP' });
    expect(numbers(up.items)).toEqual([1, 2]);
    const next = searchEvents(log, {
      limit: 2,
      sort_order: 'TIMESTAMP',
      page_id: up.next_page_id ?? undefined,
    });
    expect(numbers(next.items)).toEqual([3, 4]);
    const down = searchEvents(log, {
      limit: 3,
      sort_order: 'TIMESTAMP_DESC',
      kind: 'MessageEvent',
    });
    expect(numbers(down.items)).toEqual([4, 3, 1]);
    expect(down.next_page_id).toBeNull();
  });

  it('refuses an unknown page id (400)', () => {
    expect(() => searchEvents(log, { limit: 2, sort_order: 'TIMESTAMP', page_id: 'nope' })).toThrow(
      ApiException,
    );
  });
});
