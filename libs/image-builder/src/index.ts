export * from './lib/types';
export * from './lib/image-build-error';
export * from './lib/docker-image-builder';
export { EngineStreamParser, type EngineOutcome } from './lib/engine-stream';
export { splitImageRef } from './lib/image-ref';
export * from './lib/publisher';
export * from './lib/docker-image-publisher';
export * from './lib/kubernetes';
