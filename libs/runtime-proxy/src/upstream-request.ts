import { Agent, type ClientRequest, type OutgoingHttpHeaders, request } from 'node:http';

/**
 * How long a pooled upstream connection may sit idle. Node's own HTTP server (every agent server)
 * closes idle keep-alive connections after 5 s; a request sent on one just as it closes fails with
 * a reset (a 502 nobody caused). Node's agent keeps a second's margin below the server's
 * `Keep-Alive: timeout=` hint, but only when it has an idle timeout of its own to lower.
 */
const IDLE_UPSTREAM_SOCKET_MS = 4_000;

/** The keep-alive connection pool a proxy sends its upstream requests through. */
export function upstreamAgent(): Agent {
  return new Agent({ keepAlive: true, timeout: IDLE_UPSTREAM_SOCKET_MS });
}

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
  agent: Agent | false;
  timeoutMs: number;
}

/** Starts a request to the upstream that fails with `UpstreamTimeout` once it has been idle. */
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
    agent: call.agent,
  });
  upstream.setTimeout(call.timeoutMs, () => upstream.destroy(new UpstreamTimeout(call.timeoutMs)));
  return upstream;
}
