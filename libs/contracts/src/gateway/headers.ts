/**
 * Headers the gateway routes on or answers with (gateway.md). HTTP header names are
 * case-insensitive; Node hands them to handlers lower-cased, so compare with `.toLowerCase()`.
 */
export const GATEWAY_HEADERS = {
  /** Priority 1: force the agent-runner (403 if debug headers come along). */
  FORCE_AGENT_RUNNER: 'X-FORCE-AGENT-RUNNER',
  DEBUG_RUN: 'X-DEBUG-RUN',
  DEBUG_READ: 'X-DEBUG-READ',
  DEBUG_INJ: 'X-DEBUG-INJ',
  DEBUG_STOP: 'X-DEBUG-STOP',
  DEBUG_SKIP: 'X-DEBUG-SKIP',
  /** `id[,id]`: attach a live monitor stream of those runs. */
  MONITOR_ID: 'X-MONITOR-ID',
  /** Priority 3: force the debugger. */
  FORCE_DEBUGGER: 'X-FORCE-DEBUGGER',
  /** Priority 4: `agent-runner` or `debugger`. */
  ROUTING_MODE: 'X-ROUTING-MODE',
  AGENT_ID: 'X-AGENT-ID',
  AGENT_VERSION: 'X-AGENT-VERSION',
  /** On every response: the module that served it. */
  ROUTED_TO: 'X-Routed-To',
  /** Propagated to every service and echoed back, so one id finds every log line. */
  REQUEST_ID: 'X-Request-Id',
} as const;

/**
 * Headers whose mere presence routes to the debugger (priority 2). Honoured only for callers
 * allowed to debug; anyone else gets 403.
 */
export const DEBUG_HEADERS = [
  GATEWAY_HEADERS.DEBUG_RUN,
  GATEWAY_HEADERS.DEBUG_READ,
  GATEWAY_HEADERS.DEBUG_INJ,
  GATEWAY_HEADERS.DEBUG_STOP,
  GATEWAY_HEADERS.DEBUG_SKIP,
  GATEWAY_HEADERS.MONITOR_ID,
] as const;
