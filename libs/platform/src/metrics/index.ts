export * from './metric-types';
export * from './metrics';
export * from './metrics-options';
export * from './metrics.module';
export { UNMATCHED_ROUTE } from './http-metrics.middleware';
