import type { Agent, IncomingMessage, ServerResponse } from 'node:http';
import { endToEnd, upstreamHeaders } from './forwarded-headers';
import type { ProxyLogger } from './proxy-target';
import { ProxyRefusal, refuseHttp } from './refusal';
import type { ProxyRoute } from './route';
import { requestUpstream, UpstreamTimeout } from './upstream-request';

export interface HttpForwarding {
  agent: Agent;
  timeoutMs: number;
  logger: ProxyLogger;
}

/**
 * Streams the request to the upstream and its response back, chunk by chunk in both directions
 * (no buffering: uploads, downloads and event streams of any size pass). A client that goes away
 * cancels the upstream request; an upstream that fails before answering becomes 502/504.
 */
export function forwardHttp(
  req: IncomingMessage,
  res: ServerResponse,
  route: ProxyRoute,
  upstreamBase: URL,
  options: HttpForwarding,
): void {
  forwardTo(req, res, targetOfRoute(route), upstreamBase, options);
}

/** Where a request goes and how failures name it: a runtime (or its port), or a service. */
export interface ForwardTarget {
  /** Path and query sent upstream. */
  path: string;
  /** Sent as `X-Forwarded-Prefix` when not empty. */
  prefix: string;
  /** Names the upstream in 502/504 answers, e.g. `Runtime 0123...` or `runtime-api`. */
  label: string;
  log: Record<string, unknown>;
}

function targetOfRoute(route: ProxyRoute): ForwardTarget {
  const label =
    route.port === undefined
      ? `Runtime ${route.runtimeId}`
      : `Port ${route.port} of runtime ${route.runtimeId}`;
  return {
    path: route.upstreamPath,
    prefix: route.prefix,
    label,
    log: { runtime_id: route.runtimeId, port: route.port },
  };
}

/** forwardHttp for any target (see ForwardTarget). */
export function forwardTo(
  req: IncomingMessage,
  res: ServerResponse,
  target: ForwardTarget,
  upstreamBase: URL,
  options: HttpForwarding,
): void {
  const headers = upstreamHeaders(req, { upstreamHost: upstreamBase.host, prefix: target.prefix });
  if (!target.prefix) delete headers['x-forwarded-prefix'];
  const upstream = requestUpstream({
    base: upstreamBase,
    path: target.path,
    method: req.method ?? 'GET',
    headers,
    agent: options.agent,
    timeoutMs: options.timeoutMs,
  });
  upstream.on('response', (upstreamRes) => {
    res.writeHead(
      upstreamRes.statusCode ?? 502,
      upstreamRes.statusMessage,
      endToEnd(upstreamRes.headers),
    );
    flushHeadersUnlessBodyFollows(upstreamRes, res);
    // `pipe`, not `pipeline`: pipeline's AbortController builds a DOMException (with a stack
    // trace) for every response, measurable in B4. Its one extra, passing an upstream failure on
    // to the client, is the `error` handler.
    upstreamRes.on('error', () => res.destroy());
    upstreamRes.pipe(res);
  });
  let clientGone = false;
  upstream.on('error', (error) => {
    if (clientGone) return;
    if (!res.headersSent) {
      options.logger.warn({ ...target.log, err: error.message }, 'upstream failed');
    }
    refuseHttp(req, res, refusalFor(target.label, error));
  });
  res.on('close', () => {
    clientGone = !res.writableFinished;
    if (clientGone) upstream.destroy();
  });
  req.on('error', () => upstream.destroy());
  req.pipe(upstream);
}

/**
 * Headers must reach the client before the body starts (an event stream may stay silent a long
 * time), but sent alone they cost a write of their own. A body that arrived with them (most
 * answers: the parser hands it over in the same turn) is written together with them; only one
 * still silent a turn later gets its headers flushed by themselves.
 */
function flushHeadersUnlessBodyFollows(upstreamRes: IncomingMessage, res: ServerResponse): void {
  // `res.headersSent` is already true after writeHead, whether or not anything was written.
  let bodyStarted = false;
  upstreamRes.once('data', () => (bodyStarted = true));
  setImmediate(() => {
    if (!bodyStarted && !res.writableEnded && !res.destroyed) res.flushHeaders();
  });
}

function refusalFor(label: string, error: Error): ProxyRefusal {
  return error instanceof UpstreamTimeout
    ? new ProxyRefusal(504, `${label} did not answer in time`)
    : new ProxyRefusal(502, `${label} is not reachable`);
}
