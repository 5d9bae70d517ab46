import type { WebSocket } from 'ws';

/**
 * The text frames a client sends, buffered from the moment the socket opens, so none is lost
 * while the server is still authenticating or loading the conversation. Binary frames are
 * ignored: every client frame of this API is JSON text.
 */
export class ClientFrames {
  private readonly buffered: string[] = [];
  private waiter: ((frame: string | undefined) => void) | undefined;
  private handler: ((frame: string) => void) | undefined;
  private closed = false;

  constructor(ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.push(data.toString());
    });
    ws.once('close', () => {
      this.closed = true;
      this.waiter?.(undefined);
    });
  }

  /** The next frame, or undefined if none comes within `timeoutMs` or the socket closes. */
  next(timeoutMs: number): Promise<string | undefined> {
    const frame = this.buffered.shift();
    if (frame !== undefined || this.closed) return Promise.resolve(frame);
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(undefined), timeoutMs);
      const settle = (value: string | undefined) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(value);
      };
      this.waiter = settle;
    });
  }

  /** Hands every buffered and later frame to `handler`, in order. */
  handle(handler: (frame: string) => void): void {
    this.handler = handler;
    for (const frame of this.buffered.splice(0)) handler(frame);
  }

  private push(frame: string): void {
    if (this.waiter) this.waiter(frame);
    else if (this.handler) this.handler(frame);
    else this.buffered.push(frame);
  }
}
