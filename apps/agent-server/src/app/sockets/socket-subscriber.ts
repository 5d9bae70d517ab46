import { WebSocket } from 'ws';
import type { FrameSink } from '../conversations/model/event-hub';

const TEXT = { binary: false } as const;
/** The standard "try again later" close code, as for a full subscriber list. */
const TRY_AGAIN_LATER = 1013;

/**
 * One WebSocket subscribed to an event stream. Live events that arrive while history is being
 * replayed wait in a backlog and follow the replay, so the client sees every event once, in
 * order. Replay is paced by the socket; a client that falls behind by more than
 * `maxBufferedBytes` (live or backlog) is closed with 1013 instead of growing memory.
 */
export class SocketSubscriber implements FrameSink {
  private backlog: Buffer[] | undefined = [];
  private backlogBytes = 0;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly maxBufferedBytes: number,
    private readonly replayHighWaterBytes: number,
  ) {
    ws.once('close', () => (this.closed = true));
  }

  deliver(frame: Buffer): void {
    if (this.closed) return;
    if (!this.backlog) return this.send(frame);
    this.backlog.push(frame);
    this.backlogBytes += frame.length;
    if (this.backlogBytes > this.maxBufferedBytes) this.fellBehind();
  }

  end(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.backlog = undefined;
    this.ws.close(code, reason);
  }

  /** Sends `first`, then `history`, then the backlog; live events go straight out after that. */
  async start(first: string | undefined, history: Iterable<string>): Promise<void> {
    if (first !== undefined) this.send(first);
    for (const frame of history) {
      if (this.closed) return;
      if (this.ws.bufferedAmount > this.replayHighWaterBytes) await this.flushed(frame);
      else this.send(frame);
    }
    const backlog = this.backlog ?? [];
    this.backlog = undefined;
    for (const frame of backlog) this.send(frame);
  }

  private send(frame: Buffer | string): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > this.maxBufferedBytes) return this.fellBehind();
    this.ws.send(frame, TEXT);
  }

  /** Sends `frame` and waits until it (and everything before it) has left for the client. */
  private flushed(frame: string): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed || this.ws.readyState !== WebSocket.OPEN) return resolve();
      this.ws.send(frame, TEXT, () => resolve());
    });
  }

  private fellBehind(): void {
    this.end(TRY_AGAIN_LATER, 'Too far behind: reconnect with resend_mode=since to catch up');
  }
}
