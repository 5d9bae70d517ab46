import { type ErrorBody, type ErrorCode, errorCodeForStatus } from '@agentrt/contracts';
import { REQUEST_ID_HEADER, requestIdFor } from '@agentrt/platform';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** A request the proxy answers itself, with the platform's error body. */
export class ProxyRefusal {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly code: ErrorCode = errorCodeForStatus(status),
    /** Sent as `Retry-After` (seconds) when waiting helps. */
    readonly retryAfterSeconds?: number,
  ) {}
}

/** Answers an HTTP request; a response already under way can only be cut. */
export function refuseHttp(req: IncomingMessage, res: ServerResponse, refusal: ProxyRefusal): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { headers, body } = render(req, refusal);
  res.writeHead(refusal.status, headers).end(body);
}

/** Answers a WebSocket upgrade with a plain HTTP response on the raw socket, then closes it. */
export function refuseUpgrade(req: IncomingMessage, socket: Duplex, refusal: ProxyRefusal): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const { headers, body } = render(req, refusal);
  const lines = Object.entries({ ...headers, connection: 'close' }).map(([k, v]) => `${k}: ${v}`);
  const reason = STATUS_CODES[refusal.status] ?? '';
  socket.end(`HTTP/1.1 ${refusal.status} ${reason}\r\n${lines.join('\r\n')}\r\n\r\n${body}`);
}

function render(req: IncomingMessage, refusal: ProxyRefusal) {
  const requestId = requestIdFor(req);
  const errorBody: ErrorBody = {
    detail: refusal.detail,
    code: refusal.code,
    request_id: requestId,
  };
  const body = JSON.stringify(errorBody);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    [REQUEST_ID_HEADER]: requestId,
  };
  if (refusal.retryAfterSeconds !== undefined) {
    headers['retry-after'] = String(refusal.retryAfterSeconds);
  }
  return { headers, body };
}
