import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Logger } from '@nestjs/common';
import { admit, type AdmissionContext } from './admission';
import { DEFAULT_AWAIT_RUNNING_TIMEOUT_MS } from './await-running';
import { forwardHttp } from './forward-http';
import { forwardUpgrade } from './forward-upgrade';
import type { ProxyLogger, RuntimeProxyOptions } from './proxy-target';
import { ProxyRefusal, refuseHttp, refuseUpgrade } from './refusal';
import { type ProxyRoute, routeMatcher } from './route';
import { upstreamPool } from './upstream-pool';

/** The runtime proxy: Express-style middleware plus an `upgrade` listener for WebSockets. */
export interface RuntimeProxy {
  // Properties, not methods: each is handed around detached (`app.use(proxy.handleRequest)`).
  /** Serves `/{runtime_id}/...` and `/{runtime_id}-{port}/...`; calls `next()` for other paths. */
  readonly handleRequest: (
    req: IncomingMessage,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ) => void;
  /** Serves WebSocket upgrades on the same paths; leaves other upgrades alone for other listeners. */
  readonly handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** True when the request's path belongs to the proxy (lets other upgrade listeners skip it). */
  readonly claims: (req: IncomingMessage) => boolean;
  /** Drops pooled upstream connections; call when the server closes. */
  readonly close: () => void;
}

const INTERNAL = new ProxyRefusal(500, 'Internal server error', 'internal_error');

/** Builds the proxy that serves a runtime's public URL `<base>/{runtime_id}` (see README). */
export function createRuntimeProxy(options: RuntimeProxyOptions): RuntimeProxy {
  const match = reusingLastMatch(routeMatcher(options.idPattern));
  const logger: ProxyLogger = options.logger ?? new Logger('RuntimeProxy');
  const pool = upstreamPool();
  const forwarding = { pool, timeoutMs: options.upstreamTimeoutMs, logger };
  const admission = (websocket: boolean): AdmissionContext => ({
    resolver: options.resolver,
    logger,
    websocket,
    awaitRunningTimeoutMs: options.awaitRunningTimeoutMs ?? DEFAULT_AWAIT_RUNNING_TIMEOUT_MS,
  });
  const failed = (route: ProxyRoute, error: unknown) =>
    logger.error({ err: error, runtime_id: route.runtimeId }, 'runtime proxy failed');

  async function serveHttp(req: IncomingMessage, res: ServerResponse, route: ProxyRoute) {
    const outcome = await admit(route, req, admission(false));
    if (req.socket.destroyed) return; // the client left while the runtime was looked up
    if ('refusal' in outcome) return refuseHttp(req, res, outcome.refusal);
    forwardHttp(req, res, route, outcome.upstream, forwarding);
  }

  async function serveUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    route: ProxyRoute,
  ) {
    const outcome = await admit(route, req, admission(true));
    if (socket.destroyed) return;
    if ('refusal' in outcome) return refuseUpgrade(req, socket, outcome.refusal);
    forwardUpgrade(req, socket, head, route, outcome.upstream, forwarding);
  }

  return {
    handleRequest: (req, res, next) => {
      const route = match(req.url ?? '');
      if (!route) return next();
      if (req.readableEnded) return bodyAlreadyRead(req, res, logger);
      serveHttp(req, res, route).catch((error: unknown) => {
        failed(route, error);
        refuseHttp(req, res, INTERNAL);
      });
    },
    handleUpgrade: (req, socket, head) => {
      const route = match(req.url ?? '');
      if (!route) return;
      // Node drops its own error handling from upgraded sockets; an unhandled error would crash.
      socket.on('error', () => socket.destroy());
      serveUpgrade(req, socket, head, route).catch((error: unknown) => {
        failed(route, error);
        refuseUpgrade(req, socket, INTERNAL);
      });
    },
    claims: (req) => match(req.url ?? '') !== undefined,
    close: () => void pool.destroy().catch(() => undefined),
  };
}

/**
 * A body parser ran first and consumed the body the proxy should stream: forwarding would send
 * an empty body. Fail loudly so the mounting order gets fixed (see `mountRuntimeProxy`).
 */
function bodyAlreadyRead(req: IncomingMessage, res: ServerResponse, logger: ProxyLogger): void {
  logger.error({ url: req.url }, 'runtime proxy mounted after a body parser; mount it first');
  refuseHttp(req, res, INTERNAL);
}

/**
 * Each request's URL is matched twice, by `claims` (does the proxy take it?) and then by
 * `handleRequest`: the second reuses the first. Routes are never modified, and the same URL always
 * gives the same route, so one shared between requests is safe.
 */
function reusingLastMatch(
  match: (url: string) => ProxyRoute | undefined,
): (url: string) => ProxyRoute | undefined {
  let lastUrl: string | undefined;
  let lastRoute: ProxyRoute | undefined;
  return (url) => {
    if (url !== lastUrl) {
      lastRoute = match(url);
      lastUrl = url;
    }
    return lastRoute;
  };
}
