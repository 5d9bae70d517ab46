export * from './build-status';
export * from './build-request';
export * from './build-status-response';
export * from './build-control';
