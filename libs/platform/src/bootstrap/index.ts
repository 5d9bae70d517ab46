export * from './bootstrap';
export * from './shutdown';
export * from './platform-app';
