import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from './metric-types';
import { Metrics } from './metrics';
import { METRICS_OPTIONS, type MetricsModuleOptions } from './metrics-options';

/** Label of requests no route matched (404s, middleware answers): never the raw path. */
export const UNMATCHED_ROUTE = '(unmatched)';

type HttpLabels = 'app' | 'method' | 'route' | 'status';

/** Times every request by route template (`/runtime/:runtime_id`), so series stay few. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly duration: Histogram<HttpLabels>;

  constructor(
    metrics: Metrics,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsModuleOptions,
  ) {
    this.duration = metrics.histogram<HttpLabels>({
      name: 'agentrt_http_request_duration_seconds',
      help: 'HTTP request latency by app, method, route template and status',
      labels: ['app', 'method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const started = performance.now();
    // Nest mounts this middleware as a route of its own (`/*path`): while `req.route` is still
    // that one at the end, no controller route matched.
    const own: unknown = req.route;
    res.once('finish', () => {
      this.duration.observe(
        {
          app: this.options.app,
          method: req.method,
          route: req.route === own ? UNMATCHED_ROUTE : routeTemplateOf(req),
          status: String(res.statusCode),
        },
        (performance.now() - started) / 1000,
      );
    });
    next();
  }
}

/** The matched route's template (Express keeps it on `req.route` once a route ran). */
function routeTemplateOf(req: Request): string {
  const route: unknown = req.route;
  if (typeof route !== 'object' || route === null || !('path' in route)) return UNMATCHED_ROUTE;
  return typeof route.path === 'string' ? `${req.baseUrl}${route.path}` : UNMATCHED_ROUTE;
}
