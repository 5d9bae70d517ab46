export { BuildContextError, type BuildContextFailure } from './build-context-error';
export { inspectBuildContext, type BuildContextSummary } from './inspect-build-context';
export type { BuildContextOptions } from './limits';
