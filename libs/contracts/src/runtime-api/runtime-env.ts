/**
 * Environment variables runtime-api injects into every runtime, read by the agent server inside
 * it. Both sides import these names so they cannot drift apart.
 */
export const RUNTIME_ENV = {
  /** The runtime's session key, the value clients send as `X-Session-API-Key`. */
  SESSION_API_KEY: 'SESSION_API_KEY',
  /** Prefix of the numbered session keys (`OH_SESSION_API_KEYS_0`, `_1`, ...) OpenHands reads. */
  SESSION_API_KEYS_PREFIX: 'OH_SESSION_API_KEYS_',
  /** Seconds of inactivity after which the runtime counts as idle. */
  IDLE_TIMEOUT_SECONDS: 'OH_RUNTIME_IDLE_TIMEOUT_SECONDS',
} as const;
