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

/** Starts a WebSocket handshake to the upstream that fails with `UpstreamTimeout` once it has been idle. */
export function requestUpstream(call: UpstreamCall): ClientRequest {
  if (call.base.protocol !== 'http:') {
    throw new Error(`runtime upstream ${call.base.protocol} is not supported (http: only)`);
  }
  const basePath = call.base.pathname.replace(/\/+$/, '');
  const upstream = request({
    host: call.base.hostname,
    port: call.base.port || 80,
    method: call.method,
    path: `${basePath}${call.path}`,
    headers: call.headers,
    // Upgrades only (HTTP goes through the pool): an upgraded socket leaves any pool, so a fresh
    // connection per WebSocket keeps that obvious.
    agent: false,
  });
  upstream.setTimeout(call.timeoutMs, () => upstream.destroy(new UpstreamTimeout(call.timeoutMs)));
  return upstream;
}
