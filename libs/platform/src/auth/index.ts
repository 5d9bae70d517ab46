export * from './public.decorator';
export * from './key-hash';
export * from './api-key.guard';
export * from './api-key-id.decorator';
