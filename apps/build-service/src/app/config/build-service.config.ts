import { hostname } from 'node:os';
import { hostVar, keyPrefixVar, logLevelVar, portVar, redisUrlVar } from '@agentrt/platform';
import { z } from 'zod';

/** Every variable build-service reads; documented in apps/build-service/README.md. */
export const BuildServiceConfigSchema = z.object({
  HOST: hostVar(),
  PORT: portVar(5055),
  LOG_LEVEL: logLevelVar(),
  REDIS_URL: redisUrlVar(),
  REDIS_KEY_PREFIX: keyPrefixVar(),
  QUEUE_PREFIX: keyPrefixVar(),
  WORKER_CONCURRENCY: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(32, 'must be at most 32')
    .default(2),
  WORKER_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, ".", "_" or "-" only, at most 64')
    .default(() => `${hostname()}-${process.pid}`),
});
export type BuildServiceConfig = z.output<typeof BuildServiceConfigSchema>;

export const BUILD_SERVICE_CONFIG = Symbol('BUILD_SERVICE_CONFIG');
