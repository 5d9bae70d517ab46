/** @agentrt/platform: how every agentrt app boots, logs, validates, fails and reports health. */
export * from './version';
export * from './config';
export * from './logging';
export * from './http';
export * from './health';
export * from './openapi';
export * from './auth';
export * from './bootstrap';
export * from './metrics';
