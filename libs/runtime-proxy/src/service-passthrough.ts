import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { forwardTo } from './forward-http';
import type { ProxyLogger } from './proxy-target';
import { takeRequests } from './take-requests';
import { upstreamPool } from './upstream-pool';

export interface ServicePassthroughOptions {
  /** The service's base URL, e.g. `http://runtime-api:5054`. */
  baseUrl: string;
  /** Paths (without query) forwarded to it as they are. */
  paths: RegExp;
  /** Names the service in 502/504 answers. */
  name: string;
  /** Longest upstream silence before 504 (or the connection is cut once answering). */
  timeoutMs: number;
  responseHeaders?: Readonly<Record<string, string>>;
  logger?: ProxyLogger;
}

/**
 * Forwards requests for `paths` to another service unchanged (method, path, query, headers with
 * the caller's credentials, body streamed both ways), ahead of the whole app like the runtime
 * proxy. The service authenticates and answers for itself; this adds only `X-Forwarded-*` and
 * `X-Request-Id`.
 */
export function mountServicePassthrough(
  app: INestApplication,
  options: ServicePassthroughOptions,
): void {
  const server = app.getHttpServer() as Server;
  const base = new URL(options.baseUrl);
  const pool = upstreamPool();
  const logger: ProxyLogger = options.logger ?? new Logger('ServicePassthrough');
  const headers = Object.entries(options.responseHeaders ?? {});
  const forwarding = { pool, timeoutMs: options.timeoutMs, logger };
  takeRequests(
    app,
    (req) => options.paths.test(pathOf(req.url)),
    (req: IncomingMessage, res: ServerResponse) => {
      for (const [name, value] of headers) res.setHeader(name, value);
      const target = {
        path: req.url ?? '/',
        prefix: '',
        label: options.name,
        log: { service: options.name },
      };
      forwardTo(req, res, target, base, forwarding);
    },
  );
  server.once('close', () => void pool.destroy().catch(() => undefined));
}

function pathOf(url: string | undefined): string {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}
