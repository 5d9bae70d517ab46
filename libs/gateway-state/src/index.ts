/**
 * @agentrt/gateway-state: the gateway's shared state in Redis (agent definitions, agent and
 * debug runs, API keys created at runtime, rate-limit counters), so every gateway replica serves
 * every request.
 */
export { AgentStore, type AgentCreateOutcome, compareVersions } from './agent-store';
export { MAX_SAVED_EVENTS, RunStore, type RunStoreOptions } from './run-store';
export { type RunLock, RunLocks } from './run-locks';
export {
  type RunRecord,
  type RunRuntime,
  TERMINAL_RUN_STATUSES,
  isTerminalRun,
  runView,
} from './run-record';
export { ApiKeyStore } from './api-key-store';
export { RateLimiter, type RateDecision, type RateLimiterOptions } from './rate-limiter';
export { GatewayStateModule, type GatewayStateOptions } from './gateway-state.module';
