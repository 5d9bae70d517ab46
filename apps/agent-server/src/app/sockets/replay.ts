import type { EventSocketQuery } from '@agentrt/contracts';
import type { EventLog } from '../conversations/model/event-log';
import { timestampMicros } from '../conversations/model/timestamps';

/**
 * The first index of `log` that `query` asks to replay: 0 for `resend_mode=all`, the first event
 * after `after_timestamp` for `since`, the end (nothing) otherwise. Timestamps increase along
 * the log, so `since` is a binary search.
 */
export function replayStart(log: EventLog, query: EventSocketQuery): number {
  const count = log.events.length;
  if (query.resend_mode === 'all') return 0;
  if (query.resend_mode !== 'since' || query.after_timestamp === undefined) return count;
  const after = timestampMicros(query.after_timestamp);
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (log.micros(middle) > after) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** `items[start..end)`, read as the replay reaches them (the array may grow meanwhile). */
export function* between<T>(items: readonly T[], start: number, end: number): Generator<T> {
  for (let index = start; index < end; index += 1) {
    const item = items[index];
    if (item !== undefined) yield item;
  }
}

/** Each item as JSON text, serialized as the replay reaches it. */
export function* serialized(items: Iterable<unknown>): Generator<string> {
  for (const item of items) yield JSON.stringify(item);
}
