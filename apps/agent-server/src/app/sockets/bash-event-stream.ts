import type { BashEvent } from '@agentrt/contracts';
import type { BashEventSource } from '../bash/bash-event-source';
import { EventHub, type FrameSink } from '../conversations/model/event-hub';

/**
 * The bash event source shared by every `/sockets/bash-events` subscriber: one subscription to
 * the source while anyone listens, each event serialized once for all of them. The source is
 * looked up lazily: the bash module may be absent, and then this stream is unavailable.
 */
export class BashEventStream {
  private readonly hub = new EventHub();
  private unsubscribe: (() => void) | undefined;
  private source: BashEventSource | undefined;

  constructor(private readonly lookup: () => BashEventSource | undefined) {}

  get available(): boolean {
    this.source ??= this.lookup();
    return this.source !== undefined;
  }

  /**
   * Subscribes `sink` and returns the history up to this moment, in the same step, so the
   * sink's first live event is the one right after that history. Undefined without a source.
   */
  attach(sink: FrameSink): { history: readonly BashEvent[]; detach: () => void } | undefined {
    if (!this.available || !this.source) return undefined;
    const source = this.source;
    this.unsubscribe ??= source.subscribe((event) => this.hub.publish(JSON.stringify(event)));
    const history = [...source.history()];
    const remove = this.hub.add(sink);
    const detach = () => {
      remove();
      if (this.hub.size > 0) return;
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    };
    return { history, detach };
  }
}
