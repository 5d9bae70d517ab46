import WebSocket from 'ws';

/** A WebSocket subscriber that records the ids of the events it receives, in order. */
export class EventSubscriber {
  readonly ids: string[] = [];
  private readonly socket: WebSocket;
  private readonly opened: Promise<void>;
  private waiters: { count: number; resolve: () => void }[] = [];
  openedAt = 0;
  lastAt = 0;

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => {
        this.openedAt = performance.now();
        resolve();
      });
      this.socket.once('error', reject);
    });
    this.socket.on('message', (data: Buffer) => this.receive(data));
  }

  open(): Promise<void> {
    return this.opened;
  }

  /** Resolves when `count` events (after the initial full_state) have arrived, or rejects after `timeoutMs`. */
  received(count: number, timeoutMs: number): Promise<void> {
    if (this.ids.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${this.ids.length}/${count} events after ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  close(): void {
    this.socket.close();
  }

  private receive(data: Buffer): void {
    const event = JSON.parse(data.toString('utf8')) as { id: string; kind: string; key?: string };
    if (event.kind === 'ConversationStateUpdateEvent' && event.key === 'full_state') return;
    if (event.kind !== 'MessageEvent') return;
    this.ids.push(event.id);
    this.lastAt = performance.now();
    this.waiters = this.waiters.filter((waiter) =>
      this.ids.length >= waiter.count ? (waiter.resolve(), false) : true,
    );
  }
}
