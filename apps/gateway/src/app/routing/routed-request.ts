import type { GatewayModule, RoutingDecision } from '@agentrt/contracts';
import type { Request } from 'express';

/** What the router decided for an `/api/*` request, for the module that serves it. */
export interface RoutedRequest {
  decision: RoutingDecision;
  /** `1.2` from `/v1.2/api/...`: the agent version asked for by path. */
  pathVersion?: string;
}

const ROUTED = Symbol('agentrt.routed');
type WithRoute = Request & { [ROUTED]?: RoutedRequest };

/** Where routed requests are re-addressed; never reachable from outside (the router 404s it). */
export const INTERNAL_PREFIX = '/_routed';

/** The internal path a module's controllers are mounted under, e.g. `_routed/debugger/api`. */
export function routedApiPath(module: GatewayModule): string {
  return `${INTERNAL_PREFIX.slice(1)}/${module}/api`;
}

export function setRouted(req: Request, routed: RoutedRequest): void {
  (req as WithRoute)[ROUTED] = routed;
}

/** The routing of this request; undefined for requests that did not come through `/api/*`. */
export function routedOf(req: Request): RoutedRequest | undefined {
  return (req as WithRoute)[ROUTED];
}
