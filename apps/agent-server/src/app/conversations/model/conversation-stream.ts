import { randomUUID } from 'node:crypto';
import type { Event } from '@agentrt/contracts';
import type { NewEvent } from '../../agent/agent-runner';
import type { ConversationContext } from './conversation-context';
import type { ConversationSecrets } from './conversation-secrets';
import { EventHub } from './event-hub';
import { EventLog } from './event-log';
import { EventLogSlot } from './event-log-slot';
import { EventClock } from './timestamps';

/**
 * A conversation's events: loaded from disk on demand, and each new one stamped, redacted of
 * secrets, written, then published to subscribers, in that order.
 */
export class ConversationStream {
  readonly hub = new EventHub();
  private readonly slot: EventLogSlot;
  private readonly clock: EventClock;

  constructor(
    private readonly id: string,
    private readonly context: ConversationContext,
    private readonly secrets: ConversationSecrets,
  ) {
    this.clock = new EventClock(context.clock);
    this.slot = new EventLogSlot(() => this.load());
  }

  get isLoading(): boolean {
    return this.slot.isLoading;
  }

  /** The events if they are in memory. */
  get loaded(): EventLog | undefined {
    return this.slot.current;
  }

  /** The events, loaded from disk if they were unloaded. */
  log(): Promise<EventLog> {
    return this.slot.get();
  }

  /**
   * Stamps, redacts, persists and publishes `event` in one synchronous step, so nothing is
   * emitted between its write and its publication: subscribers see the log's order.
   */
  append(log: EventLog, event: NewEvent): Event {
    const { iso, micros } = this.clock.next();
    const stamped = { ...this.secrets.redact(event), id: randomUUID(), timestamp: iso } as Event;
    const line = JSON.stringify(stamped);
    log.append(stamped, micros, line);
    this.hub.publish(line);
    return stamped;
  }

  /** Drops the events from memory and closes their file. */
  release(): Promise<void> {
    return this.slot.release();
  }

  private async load(): Promise<EventLog> {
    const { events, problems } = await this.context.store.loadEvents(this.id);
    if (problems.length > 0) {
      this.context.logger.warn(
        { conversation_id: this.id, problems },
        'the event log was damaged; loaded what was readable',
      );
    }
    const log = new EventLog(events, this.context.store.openAppender(this.id));
    this.clock.observe(log.lastMicros);
    return log;
  }
}
