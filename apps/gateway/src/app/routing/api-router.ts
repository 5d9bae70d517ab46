import {
  GATEWAY_HEADERS,
  type GatewayModule,
  MODULES_BY_SERVER_MODE,
  type ServerMode,
} from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { callerOf } from '../edge/caller';
import { countDecision, type RoutingDecisionCounter } from '../metrics/routing-metrics';
import { parseApiPath } from './api-path';
import { debugHeadersOf, decideRoute, isRefusal } from './route-decision';
import { INTERNAL_PREFIX, setRouted } from './routed-request';

/** Paths served by the embodiment module (chosen by path, never by header). */
const EMBODIMENT_PATH =
  /^\/(?:v1\/(?:chat\/completions|models)|mcp|alexa|swagger|postman|chatgpt\/)(?:[/?]|$)/;

/**
 * Express middleware in front of every module: decides which module serves `/api/*` (gateway.md
 * decision table), refuses debug headers to callers without the `debug` scope, answers clearly
 * when this deployment does not mount the module (`SERVER_MODE`), says on every response who
 * served it (`X-Routed-To`), and re-addresses the request to the chosen module's controllers.
 */
export class ApiRouter {
  private readonly logger = new Logger('Routing');
  private readonly mounted: ReadonlySet<GatewayModule>;

  constructor(
    private readonly mode: ServerMode,
    private readonly decisions: RoutingDecisionCounter,
  ) {
    this.mounted = new Set(MODULES_BY_SERVER_MODE[mode]);
  }

  readonly handle = (req: Request, res: Response, next: NextFunction): void => {
    try {
      this.route(req, res);
      next();
    } catch (error) {
      next(error);
    }
  };

  private route(req: Request, res: Response): void {
    const url = req.url;
    if (url === INTERNAL_PREFIX || url.startsWith(`${INTERNAL_PREFIX}/`)) {
      throw new ApiException(404, `Cannot ${req.method} ${req.path}`, 'not_found');
    }
    const api = parseApiPath(url);
    if (!api) return this.routeByPath(req, res);
    const outcome = decideRoute(req.headers);
    res.setHeader(GATEWAY_HEADERS.ROUTED_TO, isRefusal(outcome) ? 'gateway' : outcome.module);
    if (isRefusal(outcome)) throw new ApiException(outcome.status, outcome.detail);
    if (outcome.module === 'debugger') this.requireDebugScope(req);
    this.requireMounted(outcome.module);
    this.logger.log(
      { module: outcome.module, reason: outcome.reason, header: outcome.header, path: req.path },
      'routed',
    );
    countDecision(this.decisions, outcome);
    setRouted(req, { decision: outcome, pathVersion: api.version });
    req.url = `${INTERNAL_PREFIX}/${outcome.module}${api.rest}`;
  }

  private routeByPath(req: Request, res: Response): void {
    if (!EMBODIMENT_PATH.test(req.url)) {
      res.setHeader(GATEWAY_HEADERS.ROUTED_TO, 'gateway');
      return;
    }
    res.setHeader(GATEWAY_HEADERS.ROUTED_TO, 'embodiment');
    if (!this.mounted.has('embodiment')) {
      throw new ApiException(404, this.notMountedDetail('embodiment'), 'not_found', {
        module: 'embodiment',
        server_mode: this.mode,
      });
    }
  }

  /** Debug and monitor headers are honoured only for callers allowed to debug (gateway.md). */
  private requireDebugScope(req: Request): void {
    const caller = callerOf(req);
    if (caller.scopes.has('debug')) return;
    const headers = debugHeadersOf(req.headers);
    const what = headers.length > 0 ? headers.join(', ') : 'the debugger';
    throw new ApiException(403, `This caller may not debug: ${what} needs the debug scope`);
  }

  private requireMounted(module: GatewayModule): void {
    if (this.mounted.has(module)) return;
    // 503, not 404: the route exists, another deployment (another SERVER_MODE) serves it.
    throw new ApiException(503, this.notMountedDetail(module), 'service_unavailable', {
      module,
      server_mode: this.mode,
    });
  }

  private notMountedDetail(module: GatewayModule): string {
    return `The ${module} module is not mounted on this gateway (SERVER_MODE=${this.mode}); send this request to a gateway that serves it`;
  }
}
