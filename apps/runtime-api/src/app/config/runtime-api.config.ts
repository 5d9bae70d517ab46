import {
  hostVar,
  keyHashesVar,
  keyPrefixVar,
  logLevelVar,
  portVar,
  redisUrlVar,
} from '@agentrt/platform';
import { z } from 'zod';

/** Every variable runtime-api reads; documented in apps/runtime-api/README.md. */
export const RuntimeApiConfigSchema = z.object({
  HOST: hostVar(),
  PORT: portVar(5054),
  LOG_LEVEL: logLevelVar(),
  REDIS_URL: redisUrlVar(),
  REDIS_KEY_PREFIX: keyPrefixVar(),
  QUEUE_PREFIX: keyPrefixVar(),
  RUNTIME_API_KEY_HASHES: keyHashesVar(),
});
export type RuntimeApiConfig = z.output<typeof RuntimeApiConfigSchema>;

export const RUNTIME_API_CONFIG = Symbol('RUNTIME_API_CONFIG');
