import { type RawData, WebSocket } from 'ws';

/** How a socket ended: its close code and reason, or the HTTP status of a refused handshake. */
export interface SocketEnd {
  /** 1006 when the connection was cut or never opened. */
  code: number;
  reason: string;
  httpStatus?: number;
}

export interface EventSocketHandlers {
  onFrame(text: string): void;
  /** Called once, whatever ended the socket (either side closing, a cut, a refusal). */
  onEnd(end: SocketEnd): void;
}

/** The little the stream needs of a WebSocket; keeps the `ws` package's types out of it. */
export interface EventSocket {
  close(): void;
}

/** Normal closure: what a caller's close() sends. */
const NORMAL_CLOSURE = 1000;

/**
 * Opens a WebSocket (Node 20 has no global one, so this is the `ws` package). Text frames go to
 * `onFrame` in arrival order; `onEnd` gets one summary of how it ended, errors included.
 */
export function openEventSocket(
  url: string,
  headers: Record<string, string>,
  timing: { handshakeTimeoutMs: number; pingIntervalMs: number },
  handlers: EventSocketHandlers,
): EventSocket {
  const ws = new WebSocket(url, { headers, handshakeTimeout: timing.handshakeTimeoutMs });
  ws.once('open', () => keepAlive(ws, timing.pingIntervalMs));
  let httpStatus: number | undefined;
  let failure: string | undefined;
  ws.on('message', (data, isBinary) => {
    if (!isBinary) handlers.onFrame(textOf(data));
  });
  ws.on('unexpected-response', (_request, response) => {
    httpStatus = response.statusCode;
    failure = `handshake answered HTTP ${response.statusCode}`;
    response.resume(); // drain, or the connection lingers
    ws.terminate();
  });
  ws.on('error', (error) => (failure ??= error.message));
  ws.once('close', (code, reason) => {
    const text = reason.toString() || failure || 'connection closed';
    handlers.onEnd({ code, reason: text, ...(httpStatus === undefined ? {} : { httpStatus }) });
  });
  return {
    close: () => {
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(NORMAL_CLOSURE, 'client closed');
    },
  };
}

/**
 * Pings the server and cuts the socket when a ping goes unanswered for a whole interval: a
 * path that died silently (no FIN, e.g. a NAT dropping state) then ends in a reconnect instead
 * of a stream that waits forever.
 */
function keepAlive(ws: WebSocket, intervalMs: number): void {
  let answered = true;
  ws.on('pong', () => (answered = true));
  const timer = setInterval(() => {
    if (!answered) return ws.terminate();
    answered = false;
    ws.ping();
  }, intervalMs);
  timer.unref();
  ws.once('close', () => clearInterval(timer));
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
