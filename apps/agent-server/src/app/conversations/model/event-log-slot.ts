import type { EventLog } from './event-log';

/**
 * Holds a conversation's events while they are in memory: loads them on first use (once, however
 * many callers wait) and drops them when the conversation goes idle.
 */
export class EventLogSlot {
  private log: EventLog | undefined;
  private loading: Promise<EventLog> | undefined;

  constructor(private readonly load: () => Promise<EventLog>) {}

  get isLoading(): boolean {
    return this.loading !== undefined;
  }

  /** The events if they are in memory. */
  get current(): EventLog | undefined {
    return this.log;
  }

  get(): Promise<EventLog> {
    if (this.log) return Promise.resolve(this.log);
    this.loading ??= this.load()
      .then((log) => (this.log = log))
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Empties the slot and closes the file; the next `get` loads again. */
  async release(): Promise<void> {
    const log = this.log;
    this.log = undefined;
    await log?.close();
  }
}
