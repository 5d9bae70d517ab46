import type { Event } from '@agentrt/contracts';

/** A point in a conversation's history: the last event a reader has seen. */
export interface EventPosition {
  id: string;
  timestamp: string;
}

/**
 * Remembers which events were delivered, so one that comes again (from a catch-up search and
 * from a socket's replay, say) is passed on only the first time. Every id is kept: timestamps
 * from other OpenHands servers may lack a zone and cannot be compared reliably, ids can.
 */
export class EventLedger {
  private readonly seen = new Set<string>();
  private last: EventPosition | undefined;
  private lastDelivered: Event | undefined;

  constructor(
    private readonly deliver: (event: Event) => void,
    after?: EventPosition,
  ) {
    if (after) {
      this.seen.add(after.id);
      this.last = { id: after.id, timestamp: after.timestamp };
    }
  }

  /** Delivers `event` unless it was delivered before; says whether it was new. */
  offer(event: Event): boolean {
    if (this.seen.has(event.id)) return false;
    this.seen.add(event.id);
    this.last = { id: event.id, timestamp: event.timestamp };
    this.lastDelivered = event;
    this.deliver(event);
    return true;
  }

  /** Where a catch-up starts: the last delivered event, or the caller's starting point. */
  get position(): EventPosition | undefined {
    return this.last;
  }

  get lastEvent(): Event | undefined {
    return this.lastDelivered;
  }
}
