import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { ClientFrames } from './client-frames';

function socket() {
  const ws = new EventEmitter();
  const text = (value: string) => ws.emit('message', Buffer.from(value), false);
  return { ws, frames: new ClientFrames(ws as unknown as WebSocket), text };
}

describe('ClientFrames', () => {
  it('keeps frames that arrive before anyone reads them, in order', async () => {
    const { frames, text } = socket();
    text('auth');
    text('m1');
    expect(await frames.next(10)).toBe('auth');
    const handled: string[] = [];
    frames.handle((frame) => handled.push(frame));
    text('m2');
    expect(handled).toEqual(['m1', 'm2']);
  });

  it('gives up waiting after the timeout or when the socket closes', async () => {
    const { ws, frames } = socket();
    expect(await frames.next(5)).toBeUndefined();
    const waiting = frames.next(10_000);
    ws.emit('close');
    expect(await waiting).toBeUndefined();
    expect(await frames.next(10_000)).toBeUndefined();
  });

  it('ignores binary frames', async () => {
    const { ws, frames } = socket();
    ws.emit('message', Buffer.from([1, 2]), true);
    expect(await frames.next(5)).toBeUndefined();
  });
});
