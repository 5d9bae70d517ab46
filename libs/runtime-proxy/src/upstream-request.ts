import { type ClientRequest, type OutgoingHttpHeaders, request } from 'node:http';

/** Raised on the upstream request when it stayed silent past the proxy's timeout. */
export class UpstreamTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`upstream sent nothing for ${timeoutMs} ms`);
  }
}

export interface UpstreamCall {
  /** The upstream's base URL; its path (if any) is put in front of `path`. */
  base: URL;
  path: string;
  method: string;
  headers: OutgoingHttpHeaders;
  timeoutMs: number;
}

/**
 * The path asked of an upstream: its base URL's path (if any) in front of `path`. Upstreams are
 * internal endpoints reached over plain HTTP; any other scheme is a bug in the resolver.
 */
export function upstreamPath(base: URL, path: string): string {
  if (base.protocol !== 'http:') {
    throw new Error(`runtime upstream ${base.protocol} is not supported (http: only)`);
  }
  return `${base.pathname.replace(/\/+$/, '')}${path}`;
}

/** Starts a WebSocket handshake to the upstream that fails with `UpstreamTimeout` once it has been idle. */
export function requestUpstream(call: UpstreamCall): ClientRequest {
  const path = upstreamPath(call.base, call.path);
  const upstream = request({
    host: call.base.hostname,
    port: call.base.port || 80,
    method: call.method,
    path,
    headers: call.headers,
    // Upgrades only (HTTP goes through the pool): an upgraded socket leaves any pool, so a fresh
    // connection per WebSocket keeps that obvious.
    agent: false,
  });
  upstream.setTimeout(call.timeoutMs, () => upstream.destroy(new UpstreamTimeout(call.timeoutMs)));
  return upstream;
}
