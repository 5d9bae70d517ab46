/** @agentrt/build-state: build records, owner limits, cancel requests and the image cache in Redis. */
export * from './build-record';
export * from './build-store';
export { BuildContentionError } from './record-writer';
export { cacheKeyOf } from './cache-key';
export * from './build-state.module';
