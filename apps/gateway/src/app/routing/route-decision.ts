import type { IncomingHttpHeaders } from 'node:http';
import {
  DEBUG_HEADERS,
  GATEWAY_HEADERS,
  type RoutingDecision,
  RoutingModeSchema,
} from '@agentrt/contracts';

/** Why a request cannot be routed at all; the middleware answers it with the status given. */
export interface RoutingRefusal {
  status: 400 | 403;
  detail: string;
}

const has = (headers: IncomingHttpHeaders, name: string) =>
  headers[name.toLowerCase()] !== undefined;

/** The debug and monitor headers present on a request, as written in gateway.md. */
export function debugHeadersOf(headers: IncomingHttpHeaders): string[] {
  return DEBUG_HEADERS.filter((name) => has(headers, name));
}

/**
 * The decision table of gateway.md: first match wins and presence of a header counts, whatever
 * its value. Callers' permissions are checked separately (see `refusalFor`).
 */
export function decideRoute(headers: IncomingHttpHeaders): RoutingDecision | RoutingRefusal {
  if (has(headers, GATEWAY_HEADERS.FORCE_AGENT_RUNNER)) {
    const debug = debugHeadersOf(headers);
    if (debug.length > 0) {
      return {
        status: 403,
        detail: `${GATEWAY_HEADERS.FORCE_AGENT_RUNNER} cannot be combined with debug headers (${debug.join(', ')}): debug headers are never ignored silently`,
      };
    }
    return force('agent-runner', 'force-agent-runner-header', GATEWAY_HEADERS.FORCE_AGENT_RUNNER);
  }
  const [debugHeader] = debugHeadersOf(headers);
  if (debugHeader) return force('debugger', 'debug-header', debugHeader);
  if (has(headers, GATEWAY_HEADERS.FORCE_DEBUGGER)) {
    return force('debugger', 'force-debugger-header', GATEWAY_HEADERS.FORCE_DEBUGGER);
  }
  const mode = headers[GATEWAY_HEADERS.ROUTING_MODE.toLowerCase()];
  if (mode !== undefined) {
    const parsed = RoutingModeSchema.safeParse(Array.isArray(mode) ? mode[0] : mode.trim());
    if (!parsed.success) {
      return {
        status: 400,
        detail: `${GATEWAY_HEADERS.ROUTING_MODE} must be agent-runner or debugger`,
      };
    }
    return force(parsed.data, 'routing-mode-header', GATEWAY_HEADERS.ROUTING_MODE);
  }
  return { module: 'agent-runner', reason: 'default' };
}

export function isRefusal(outcome: RoutingDecision | RoutingRefusal): outcome is RoutingRefusal {
  return 'status' in outcome;
}

function force(
  module: RoutingDecision['module'],
  reason: RoutingDecision['reason'],
  header: string,
): RoutingDecision {
  return { module, reason, header };
}
