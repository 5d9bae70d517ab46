import type { Agent, IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
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
  const upstream = requestUpstream({
    base: upstreamBase,
    path: route.upstreamPath,
    method: req.method ?? 'GET',
    headers: upstreamHeaders(req, { upstreamHost: upstreamBase.host, prefix: route.prefix }),
    agent: options.agent,
    timeoutMs: options.timeoutMs,
  });
  upstream.on('response', (upstreamRes) => {
    res.writeHead(
      upstreamRes.statusCode ?? 502,
      upstreamRes.statusMessage,
      endToEnd(upstreamRes.headers),
    );
    // Headers go out now, not with the first body chunk: event streams may wait a long time.
    res.flushHeaders();
    pipeline(upstreamRes, res, () => undefined);
  });
  let clientGone = false;
  upstream.on('error', (error) => {
    if (clientGone) return;
    if (!res.headersSent) options.logger.warn(logFields(route, error), 'runtime upstream failed');
    refuseHttp(req, res, refusalFor(route, error));
  });
  res.on('close', () => {
    clientGone = !res.writableFinished;
    if (clientGone) upstream.destroy();
  });
  req.on('error', () => upstream.destroy());
  req.pipe(upstream);
}

function refusalFor(route: ProxyRoute, error: Error): ProxyRefusal {
  const what =
    route.port === undefined
      ? `Runtime ${route.runtimeId}`
      : `Port ${route.port} of runtime ${route.runtimeId}`;
  return error instanceof UpstreamTimeout
    ? new ProxyRefusal(504, `${what} did not answer in time`)
    : new ProxyRefusal(502, `${what} is not reachable`);
}

function logFields(route: ProxyRoute, error: Error): Record<string, unknown> {
  return { runtime_id: route.runtimeId, port: route.port, err: error.message };
}
