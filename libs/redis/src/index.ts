/** @agentrt/redis: the shared ioredis connection and its health check. */
export * from './redis.tokens';
export * from './redis-client';
export * from './redis-health.indicator';
export * from './redis.module';
