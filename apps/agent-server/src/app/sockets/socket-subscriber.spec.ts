import { EventEmitter } from 'node:events';
import { WebSocket } from 'ws';
import { SocketSubscriber } from './socket-subscriber';

/** The part of a ws WebSocket the subscriber uses; anything else would throw. */
class FakeSocket extends EventEmitter {
  readyState: number = WebSocket.OPEN;
  bufferedAmount = 0;
  readonly sent: string[] = [];
  readonly closes: [number, string][] = [];
  private readonly flushCallbacks: (() => void)[] = [];

  send(data: Buffer | string, options: { binary: boolean }, callback?: () => void): void {
    if (options.binary) throw new Error('frames must be text');
    this.sent.push(data.toString());
    if (callback) this.flushCallbacks.push(callback);
  }

  close(code: number, reason: string): void {
    this.closes.push([code, reason]);
    this.readyState = WebSocket.CLOSING;
  }

  /** The client read everything: the buffer is empty and pending send callbacks fire. */
  drain(): void {
    this.bufferedAmount = 0;
    this.flushCallbacks.splice(0).forEach((callback) => callback());
  }
}

const frame = (text: string) => Buffer.from(text);

function subscriber(ws: FakeSocket, maxBuffered = 1000, highWater = 100) {
  return new SocketSubscriber(ws as unknown as WebSocket, maxBuffered, highWater);
}

describe('SocketSubscriber', () => {
  it('sends the first frame, the history, then what arrived live meanwhile, in order', async () => {
    const ws = new FakeSocket();
    const sub = subscriber(ws);
    sub.deliver(frame('live-1'));
    const started = sub.start('state', ['old-1', 'old-2']);
    sub.deliver(frame('live-2'));
    await started;
    sub.deliver(frame('live-3'));
    expect(ws.sent).toEqual(['state', 'old-1', 'old-2', 'live-1', 'live-2', 'live-3']);
  });

  it('waits for the client before replaying more once past the high-water mark', async () => {
    const ws = new FakeSocket();
    const sub = subscriber(ws);
    ws.bufferedAmount = 500;
    let done = false;
    const started = sub.start(undefined, ['a', 'b']).then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect({ sent: ws.sent, done }).toEqual({ sent: ['a'], done: false });
    ws.drain();
    await started;
    expect(ws.sent).toEqual(['a', 'b']);
  });

  it('closes a subscriber that fell too far behind (1013) instead of buffering more', async () => {
    const ws = new FakeSocket();
    const sub = subscriber(ws);
    await sub.start(undefined, []);
    ws.bufferedAmount = 1001;
    sub.deliver(frame('x'));
    sub.deliver(frame('y'));
    expect(ws.sent).toEqual([]);
    expect(ws.closes).toEqual([
      [1013, 'Too far behind: reconnect with resend_mode=since to catch up'],
    ]);
  });

  it('bounds the backlog held during a replay the same way', () => {
    const ws = new FakeSocket();
    const sub = subscriber(ws, 10);
    sub.deliver(frame('123456'));
    sub.deliver(frame('789012'));
    expect(ws.closes.map(([code]) => code)).toEqual([1013]);
  });

  it('sends nothing more once the client closed', async () => {
    const ws = new FakeSocket();
    const sub = subscriber(ws);
    ws.emit('close');
    await sub.start('state', ['a']);
    sub.deliver(frame('b'));
    sub.end(1000, 'bye');
    expect({ sent: ws.sent, closes: ws.closes }).toEqual({ sent: [], closes: [] });
  });
});
