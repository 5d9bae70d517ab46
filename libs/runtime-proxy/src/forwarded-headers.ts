import { REQUEST_ID_HEADER, requestIdFor } from '@agentrt/platform';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, not the message; each side of
 * the proxy frames its own connection. `expect` too: Node has already answered `100 Continue`.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

/**
 * The headers without hop-by-hop ones, including those the `Connection` header names. Runs twice
 * per proxied request (its headers and the answer's), so it builds nothing it can avoid.
 */
export function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = headers.connection?.split(',').map((name) => name.trim().toLowerCase());
  const kept: OutgoingHttpHeaders = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || HOP_BY_HOP.has(name) || named?.includes(name)) continue;
    kept[name] = value;
  }
  return kept;
}

export interface ForwardingContext {
  /** `host[:port]` of the upstream, sent as `Host` so apps that check it (dev servers) accept. */
  upstreamHost: string;
  /** The proxy path prefix (`/{segment}`), sent as `X-Forwarded-Prefix`. */
  prefix: string;
}

/**
 * Request headers for the upstream: end-to-end ones plus where the request really came from, and
 * always an `X-Request-Id` (the caller's when safe, else a fresh one) so the agent server's logs
 * join the proxy's. Apps on the platform fix the id first, so both sides log the same one.
 */
export function upstreamHeaders(
  req: IncomingMessage,
  context: ForwardingContext,
): OutgoingHttpHeaders {
  const headers = endToEnd(req.headers);
  const encrypted = (req.socket as Partial<TLSSocket>).encrypted === true;
  const remote = req.socket.remoteAddress;
  const priorFor = first(req.headers['x-forwarded-for']);
  headers['host'] = context.upstreamHost;
  headers['x-forwarded-for'] = [priorFor, remote].filter(Boolean).join(', ');
  headers['x-forwarded-proto'] =
    first(req.headers['x-forwarded-proto']) ?? (encrypted ? 'https' : 'http');
  const forwardedHost = first(req.headers['x-forwarded-host']) ?? req.headers.host;
  if (forwardedHost) headers['x-forwarded-host'] = forwardedHost;
  headers['x-forwarded-prefix'] = context.prefix;
  headers[REQUEST_ID_HEADER] = requestIdFor(req);
  return headers;
}

/** The same, for a WebSocket handshake: `Connection`/`Upgrade` must reach the upstream. */
export function upgradeHeaders(
  req: IncomingMessage,
  context: ForwardingContext,
): OutgoingHttpHeaders {
  return {
    ...upstreamHeaders(req, context),
    connection: 'Upgrade',
    upgrade: req.headers.upgrade ?? 'websocket',
  };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
