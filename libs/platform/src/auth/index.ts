export * from './public.decorator';
export * from './key-hash';
export * from './api-key.guard';
