export * from './bootstrap';
export * from './shutdown';
