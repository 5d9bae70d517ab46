import type { IncomingMessage } from 'node:http';
import { awaitRunning, canAwait, TIMED_OUT } from './await-running';
import type { ProxyLogger, ProxyTarget, RuntimeTargetResolver } from './proxy-target';
import { ProxyRefusal } from './refusal';
import { isPublicPath, type ProxyRoute } from './route';
import { carriesSessionKey } from './session-key';

/** Where an admitted request goes: the upstream base URL (agent server or work host port). */
export type Admission = { upstream: URL } | { refusal: ProxyRefusal };

export interface AdmissionContext {
  resolver: RuntimeTargetResolver;
  logger: ProxyLogger;
  /** WebSocket upgrades may carry the key in the `session_api_key` query parameter. */
  websocket: boolean;
  /** Bound on waiting for `resolver.awaitRunning`. */
  awaitRunningTimeoutMs: number;
}

/**
 * Decides what happens to a request for a runtime, in this order: unknown runtime (404), key
 * check (401; skipped for work hosts and the agent server's public routes), `onTraffic`, the
 * resolver's `awaitRunning` for a paused or starting runtime (when it has one, and only for
 * requests that carried the key), then the runtime's state (only `running` is forwarded).
 */
export async function admit(
  route: ProxyRoute,
  req: IncomingMessage,
  context: AdmissionContext,
): Promise<Admission> {
  const { runtimeId } = route;
  const target = await lookUp(runtimeId, context);
  if (target === UNAVAILABLE) {
    return refuse(503, `Runtime ${runtimeId} cannot be looked up right now; retry`, 1);
  }
  if (!target) return refuse(404, `Runtime ${runtimeId} not found`);
  const keyNeeded = route.port === undefined && !isPublicPath(route.path);
  if (keyNeeded && !carriesSessionKey(req, target.sessionApiKey, context.websocket)) {
    return refuse(401, 'Missing or wrong X-Session-API-Key for this runtime');
  }
  reportTraffic(runtimeId, context);
  const { resolver, awaitRunningTimeoutMs: timeoutMs } = context;
  // Only a caller who proved the key may wake a runtime: work hosts and public routes pass
  // without one, so for them a paused runtime stays a 503.
  const settled =
    keyNeeded && canAwait(resolver, target)
      ? await awaitRunning(resolver, runtimeId, target, timeoutMs)
      : target;
  if (settled === TIMED_OUT) return stillWaking(runtimeId, target, timeoutMs);
  if (!settled) return refuse(404, `Runtime ${runtimeId} not found`);
  return settled.state === 'running'
    ? upstreamOf(route, settled)
    : stateRefusal(runtimeId, settled);
}

const UNAVAILABLE = Symbol('unavailable');

/**
 * The resolver's answer, or UNAVAILABLE when it failed: its store (Redis) is down or slow, which
 * passes, so the client gets a 503 to retry rather than a 500.
 */
async function lookUp(
  runtimeId: string,
  context: AdmissionContext,
): Promise<ProxyTarget | undefined | typeof UNAVAILABLE> {
  try {
    return await context.resolver.resolve(runtimeId);
  } catch (error) {
    context.logger.warn({ err: errorText(error), runtime_id: runtimeId }, 'runtime lookup failed');
    return UNAVAILABLE;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The wait for a paused or starting runtime ran out; it may still come up, so retrying helps. */
function stillWaking(runtimeId: string, target: ProxyTarget, timeoutMs: number): Admission {
  const doing = target.state === 'paused' ? 'resuming' : 'starting';
  const seconds = Math.round(timeoutMs / 100) / 10;
  return refuse(503, `Runtime ${runtimeId} is still ${doing} after ${seconds} s; retry`, 1);
}

function upstreamOf(route: ProxyRoute, target: ProxyTarget & { state: 'running' }): Admission {
  const base = route.port === undefined ? target.baseUrl : target.ports[route.port];
  if (base === undefined) {
    return refuse(404, `Runtime ${route.runtimeId} exposes no port ${route.port}`);
  }
  return { upstream: new URL(base) };
}

/**
 * OpenHands clients call `/resume` after a 503, so paused and starting runtimes answer 503 with
 * `Retry-After`. A stopped runtime is gone for good (its resources are freed): 404. A failed one
 * answers 503 without `Retry-After`, since waiting alone will not fix it.
 */
function stateRefusal(
  runtimeId: string,
  target: Exclude<ProxyTarget, { state: 'running' }>,
): Admission {
  switch (target.state) {
    case 'paused':
      return refuse(
        503,
        `Runtime ${runtimeId} is paused; call POST /resume with its runtime_id`,
        1,
      );
    case 'starting':
      return refuse(503, `Runtime ${runtimeId} is starting; retry shortly`, 1);
    case 'stopped':
      return refuse(404, `Runtime ${runtimeId} is stopped; start a new runtime`);
    case 'error':
      return refuse(
        503,
        `Runtime ${runtimeId} has failed; GET /runtime/${runtimeId} shows why, or stop it`,
      );
  }
}

function reportTraffic(runtimeId: string, { resolver, logger }: AdmissionContext): void {
  try {
    resolver.onTraffic?.(runtimeId);
  } catch (error) {
    logger.warn({ err: error, runtime_id: runtimeId }, 'runtime proxy onTraffic failed');
  }
}

function refuse(status: number, detail: string, retryAfterSeconds?: number): Admission {
  return { refusal: new ProxyRefusal(status, detail, undefined, retryAfterSeconds) };
}
