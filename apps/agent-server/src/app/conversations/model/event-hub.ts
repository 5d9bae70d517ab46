/** Receives serialized events (one UTF-8 JSON text each), in order. */
export interface FrameSink {
  deliver(frame: Buffer): void;
  /** The stream is over (e.g. the conversation was deleted); `code` is a WebSocket close code. */
  end(code: number, reason: string): void;
}

/**
 * Fans serialized events out to subscribers. Each event is serialized and encoded once and the
 * same bytes go to every subscriber, however many there are.
 */
export class EventHub {
  private readonly sinks = new Set<FrameSink>();

  get size(): number {
    return this.sinks.size;
  }

  /** Adds `sink`; returns the function that removes it. */
  add(sink: FrameSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  publish(json: string): void {
    if (this.sinks.size === 0) return;
    const frame = Buffer.from(json, 'utf8');
    for (const sink of this.sinks) sink.deliver(frame);
  }

  /** Ends every subscription. */
  endAll(code: number, reason: string): void {
    const sinks = [...this.sinks];
    this.sinks.clear();
    for (const sink of sinks) sink.end(code, reason);
  }
}
