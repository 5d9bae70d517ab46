import type { Event, EventCountQuery, EventPage, EventSearchQuery } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import type { EventLog } from '../model/event-log';
import { timestampMicros } from '../model/timestamps';

type Filter = (index: number) => boolean;

/**
 * One page of a conversation's events, oldest or newest first. `next_page_id` is the id of the
 * first event of the next page; events are never removed, so it stays valid.
 */
export function searchEvents(log: EventLog, query: EventSearchQuery): EventPage {
  const matches = eventFilter(log, query);
  const descending = query.sort_order === 'TIMESTAMP_DESC';
  const step = descending ? -1 : 1;
  const items: Event[] = [];
  let index = query.page_id
    ? pageStart(log, query.page_id)
    : descending
      ? log.events.length - 1
      : 0;
  for (; index >= 0 && index < log.events.length; index += step) {
    if (!matches(index)) continue;
    const event = log.events[index];
    if (!event) continue;
    if (items.length === query.limit) return { items, next_page_id: event.id };
    items.push(event);
  }
  return { items, next_page_id: null };
}

/** How many events match the filters. */
export function countEvents(log: EventLog, query: EventCountQuery): number {
  const matches = eventFilter(log, query);
  let count = 0;
  for (let index = 0; index < log.events.length; index += 1) if (matches(index)) count += 1;
  return count;
}

function eventFilter(log: EventLog, query: EventCountQuery): Filter {
  const from =
    query.timestamp__gte === undefined ? undefined : timestampMicros(query.timestamp__gte);
  const until =
    query.timestamp__lt === undefined ? undefined : timestampMicros(query.timestamp__lt);
  return (index) =>
    (query.kind === undefined || log.events[index]?.kind === query.kind) &&
    (from === undefined || log.micros(index) >= from) &&
    (until === undefined || log.micros(index) < until);
}

function pageStart(log: EventLog, pageId: string): number {
  const index = log.indexOf(pageId);
  if (index !== undefined) return index;
  throw new ApiException(
    400,
    'page_id is not a next_page_id this search returned: no event has that id',
    'bad_request',
  );
}
