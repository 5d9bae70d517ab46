/** The app's shared ioredis client. Only adapter libs inject it; apps use those adapters. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
