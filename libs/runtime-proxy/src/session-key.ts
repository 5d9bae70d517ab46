import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The agent server's own auth header and WebSocket query parameter (agent-server.md). */
export const SESSION_KEY_HEADER = 'x-session-api-key';
export const SESSION_KEY_QUERY = 'session_api_key';

/**
 * True when the request carries the runtime's key: in the header, or for WebSocket upgrades
 * also in the query (browsers cannot set headers on a WebSocket). An empty expected key admits
 * nobody, so a runtime record without a key never opens its agent server to everyone.
 */
export function carriesSessionKey(
  req: IncomingMessage,
  expected: string,
  allowQuery: boolean,
): boolean {
  const header = req.headers[SESSION_KEY_HEADER];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (sameKey(fromHeader, expected)) return true;
  return allowQuery && sameKey(queryKey(req.url ?? ''), expected);
}

/** Compares digests, so neither the content nor the length of the key leaks through timing. */
export function sameKey(given: string | undefined, expected: string): boolean {
  if (!given || !expected) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function queryKey(url: string): string | undefined {
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return undefined;
  return new URLSearchParams(url.slice(queryAt + 1)).get(SESSION_KEY_QUERY) ?? undefined;
}
