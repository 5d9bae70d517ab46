import type { Event } from '@agentrt/contracts';
import type { LineAppender } from '../store/event-appender';
import type { StoredEvent } from '../store/event-file';
import { timestampMicros } from './timestamps';

/**
 * The events of a loaded conversation, in emission order (which is also timestamp order), with
 * lookups by id, parsed timestamps for the search filters, and each event's JSON text as it is
 * stored, so replaying history to a socket never serializes again. Appends go to disk first.
 */
export class EventLog {
  private readonly list: Event[] = [];
  private readonly texts: string[] = [];
  private readonly times: number[] = [];
  private readonly positions = new Map<string, number>();

  constructor(
    history: readonly StoredEvent[],
    private readonly appender: LineAppender,
  ) {
    for (const { event, line } of history) {
      this.remember(event, timestampMicros(event.timestamp), line);
    }
  }

  /** Every event, oldest first. Shared, not copied: callers must not change it. */
  get events(): readonly Event[] {
    return this.list;
  }

  /** Every event's JSON text, oldest first. */
  get lines(): readonly string[] {
    return this.texts;
  }

  get lastMicros(): number {
    return this.times.at(-1) ?? 0;
  }

  /** Persists `line` (the serialized `event`), then keeps the event in memory. */
  append(event: Event, micros: number, line: string): void {
    this.appender.append(line);
    this.remember(event, micros, line);
  }

  indexOf(id: string): number | undefined {
    return this.positions.get(id);
  }

  get(id: string): Event | undefined {
    const index = this.positions.get(id);
    return index === undefined ? undefined : this.list[index];
  }

  /** Timestamp of the event at `index`, in microseconds. */
  micros(index: number): number {
    return this.times[index] ?? Number.NaN;
  }

  close(): Promise<void> {
    return this.appender.close();
  }

  private remember(event: Event, micros: number, line: string): void {
    this.positions.set(event.id, this.list.length);
    this.list.push(event);
    this.texts.push(line);
    this.times.push(micros);
  }
}
