import { ServerModeSchema } from '@agentrt/contracts';
import {
  hostVar,
  httpUrlVar,
  keyPrefixVar,
  logLevelVar,
  portVar,
  redisUrlVar,
} from '@agentrt/platform';
import { z } from 'zod';

/** Every variable the gateway reads; documented in apps/gateway/README.md. */
export const GatewayConfigSchema = z.object({
  HOST: hostVar(),
  PORT: portVar(5053),
  LOG_LEVEL: logLevelVar(),
  REDIS_URL: redisUrlVar(),
  REDIS_KEY_PREFIX: keyPrefixVar(),
  RUNTIME_API_URL: httpUrlVar(),
  SERVER_MODE: ServerModeSchema.default('runtime'),
});
export type GatewayConfig = z.output<typeof GatewayConfigSchema>;

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
