export * from './diagnostic-job';
export * from './build-job';
