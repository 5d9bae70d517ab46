/** @agentrt/runtime-state: runtime-api's records, locks, rate windows and warm-pool lists in Redis. */
export * from './runtime-record';
export * from './runtime-store';
export * from './runtime-changes';
export * from './target-cache';
export * from './live-targets';
export * from './redis-lock';
export * from './rate-window';
export * from './warm-pool-queue';
export * from './runtime-state.module';
export { proxyTargetOf } from './proxy-target';
