import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Accept a caller's id only if it is short and printable, so it cannot forge log lines. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id: the caller's `X-Request-Id` when safe, else a fresh uuid. */
export function requestIdFor(req: IncomingMessage): string {
  const header = req.headers[REQUEST_ID_HEADER];
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate && SAFE_REQUEST_ID.test(candidate) ? candidate : randomUUID();
}

/** Reads the id pino-http attached to the request (set once per request by `genReqId`). */
export function requestIdOf(req: unknown): string {
  const id = (req as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : 'unknown';
}

/**
 * Middleware mounted first in every app: fixes the request id before anything can answer.
 * pino-http runs as Nest middleware, after proxies, body parsers and `configure` middleware, so
 * without this their answers (401, 429, bad JSON, proxy refusals) had no `X-Request-Id` and an
 * `unknown` id in the error body. The id goes on the request (pino-http keeps an existing
 * `req.id`), back into the request headers (so proxies forward the same id) and on the response.
 */
export function assignRequestId(
  req: IncomingMessage & { id?: unknown },
  res: ServerResponse,
  next: () => void,
): void {
  const id = requestIdFor(req);
  req.id = id;
  req.headers[REQUEST_ID_HEADER] = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}
