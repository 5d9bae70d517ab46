export * from './api-exception';
export * from './to-error-body';
export * from './error-body.filter';
export * from './validation';
export * from './request-id.decorator';
export * from './body-parser-errors';
export * from './contract-dto';
