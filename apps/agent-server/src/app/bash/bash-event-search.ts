import type { BashEvent, BashEventPage, BashEventSearchQuery } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';

/** A stored event with its arrival number: the sort key and what `page_id` points at. */
export interface SequencedEvent {
  seq: number;
  event: BashEvent;
}

/**
 * One page of `GET /api/bash/bash_events/search`. Events are ordered by arrival, which is also
 * timestamp order and, unlike equal timestamps, never ties. `next_page_id` is the arrival number
 * of the next match, so a page stays valid when older events are dropped meanwhile.
 */
export function searchBashEvents(
  events: readonly SequencedEvent[],
  query: BashEventSearchQuery,
): BashEventPage {
  const descending = query.sort_order === 'TIMESTAMP_DESC';
  const cursor = cursorOf(query.page_id);
  const matching = events.filter(
    (stored) =>
      matches(stored.event, query) &&
      (cursor === undefined || (descending ? stored.seq <= cursor : stored.seq >= cursor)),
  );
  if (descending) matching.reverse();
  const page = matching.slice(0, query.limit);
  const next = matching[query.limit];
  return {
    items: page.map((stored) => stored.event),
    next_page_id: next ? String(next.seq) : null,
  };
}

function matches(event: BashEvent, query: BashEventSearchQuery): boolean {
  if (query.kind__eq !== undefined && event.kind !== query.kind__eq) return false;
  // Only outputs carry a command id and an order, as in the OpenHands server.
  const output = event.kind === 'BashOutput' ? event : undefined;
  if (query.command_id__eq !== undefined && output?.command_id !== query.command_id__eq) {
    return false;
  }
  if (query.order__gt !== undefined && output && output.order <= query.order__gt) return false;
  const at = instantOf(event.timestamp);
  if (query.timestamp__gte !== undefined && at < instantOf(query.timestamp__gte)) return false;
  if (query.timestamp__lt !== undefined && at >= instantOf(query.timestamp__lt)) return false;
  return true;
}

/** Milliseconds of an ISO timestamp; one without an offset is UTC, as OpenHands peers mean it. */
function instantOf(timestamp: string): number {
  const zoned = /(?:z|[+-]\d{2}:?\d{2})$/i.test(timestamp);
  return Date.parse(zoned ? timestamp : `${timestamp}Z`);
}

function cursorOf(pageId: string | undefined): number | undefined {
  if (pageId === undefined) return undefined;
  if (!/^\d{1,15}$/.test(pageId)) {
    throw new ApiException(400, `Invalid page_id ${JSON.stringify(pageId)}: use a next_page_id`);
  }
  return Number(pageId);
}
