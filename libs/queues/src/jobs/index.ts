export * from './diagnostic-job';
