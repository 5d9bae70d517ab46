import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { endToEnd, upstreamHeaders } from './forwarded-headers';
import type { ProxyLogger } from './proxy-target';
import { ProxyRefusal, refuseHttp } from './refusal';
import type { ProxyRoute } from './route';
import { isUpstreamTimeout, type UpstreamPool } from './upstream-pool';
import { upstreamPath } from './upstream-request';

export interface HttpForwarding {
  pool: UpstreamPool;
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
  const path = upstreamPath(upstreamBase, target.path);
  const headers = upstreamHeaders(req, { upstreamHost: upstreamBase.host, prefix: target.prefix });
  if (!target.prefix) delete headers['x-forwarded-prefix'];
  const body = hasBody(req) ? req : null;
  // The pool frames an empty body itself (and refuses a length it cannot check).
  if (body === null) delete headers['content-length'];
  const relay = new ResponseRelay(req, res, target, options.logger);
  options.pool.dispatch(
    {
      origin: upstreamBase.origin,
      path,
      method: req.method ?? 'GET',
      headers: headers as Record<string, string | string[]>,
      body,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    },
    relay,
  );
  res.on('close', () => {
    if (!res.writableFinished) relay.cancel();
  });
  req.on('error', () => relay.cancel());
}

/** A request with a body announces it (RFC 9112 §6.3); anything else is sent without one. */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Writes the upstream's answer to the client as it arrives, pausing the upstream while the client
 * reads slower. An upstream that fails before answering becomes 502/504; after, only a cut is left.
 */
class ResponseRelay implements Dispatcher.DispatchHandler {
  private controller?: Dispatcher.DispatchController;
  private cancelled = false;
  private bodyStarted = false;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly target: ForwardTarget,
    private readonly logger: ProxyLogger,
  ) {}

  /** The client went away: stop the upstream request, wherever it is. */
  cancel(): void {
    this.cancelled = true;
    this.controller?.abort(new Error('client went away'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.cancelled) controller.abort(new Error('client went away'));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
    statusMessage?: string,
  ): void {
    if (statusCode < 200) return; // informational (e.g. 103): the final answer follows
    this.res.writeHead(statusCode, statusMessage, endToEnd(headers));
    this.flushHeadersUnlessBodyFollows();
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.bodyStarted = true;
    if (this.res.write(chunk)) return;
    controller.pause();
    this.res.once('drain', () => controller.resume());
  }

  onResponseEnd(): void {
    this.res.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.cancelled) return;
    if (!this.res.headersSent) {
      this.logger.warn({ ...this.target.log, err: error.message }, 'upstream failed');
    }
    refuseHttp(this.req, this.res, refusalFor(this.target.label, error));
  }

  /**
   * Headers must reach the client before the body starts (an event stream may stay silent a long
   * time), but sent alone they cost a write of their own. A body that arrived with them (most
   * answers: the parser hands it over in the same turn) is written together with them; only one
   * still silent a turn later gets its headers flushed by themselves.
   */
  private flushHeadersUnlessBodyFollows(): void {
    setImmediate(() => {
      const { res } = this;
      if (!this.bodyStarted && !res.writableEnded && !res.destroyed) res.flushHeaders();
    });
  }
}

function refusalFor(label: string, error: Error): ProxyRefusal {
  return isUpstreamTimeout(error)
    ? new ProxyRefusal(504, `${label} did not answer in time`)
    : new ProxyRefusal(502, `${label} is not reachable`);
}
