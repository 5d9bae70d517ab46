import type { ServerResponse } from 'node:http';

/** Starts a Server-Sent Events response (no buffering by proxies on the way). */
export function openSse(res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
}

/** One SSE message; `id` lets a client tell events apart after a reconnect. */
export function writeSse(res: ServerResponse, event: string, data: unknown, id?: string): void {
  const idLine = id === undefined ? '' : `id: ${id}\n`;
  res.write(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
