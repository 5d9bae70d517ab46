/**
 * @agentrt/runtime-proxy: serves a runtime's public URL `<base>/{runtime_id}` (and its work hosts
 * `<base>/{runtime_id}-{port}`), forwarding HTTP and WebSocket traffic to the runtime's internal
 * address after checking its state and session key. Mounted by runtime-api and the gateway.
 */
export type {
  ProxyLogger,
  ProxyTarget,
  RuntimeProxyOptions,
  RuntimeTargetResolver,
} from './proxy-target';
export { createRuntimeProxy, type RuntimeProxy } from './runtime-proxy';
export { mountRuntimeProxy, type MountOptions } from './mount';
export { SESSION_KEY_HEADER, SESSION_KEY_QUERY } from './session-key';
export { mountServicePassthrough, type ServicePassthroughOptions } from './service-passthrough';
