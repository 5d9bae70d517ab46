export * from './error-body';
export * from './validation';
export * from './health';
export * from './diagnostics';
export * from './lenient-input';
