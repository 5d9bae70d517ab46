import { z } from 'zod';
import { HealthResponseSchema } from '../common/health';
import { GatewayModuleSchema, ServerModeSchema } from './modes';

/**
 * `GET /health` of the gateway: the common health body plus the server mode and the modules it
 * mounted. Redis and runtime-api reachability are entries of `checks` (`redis`, `runtime_api`).
 */
export const GatewayHealthResponseSchema = HealthResponseSchema.extend({
  mode: ServerModeSchema,
  modules: z.array(GatewayModuleSchema),
});
export type GatewayHealthResponse = z.infer<typeof GatewayHealthResponseSchema>;
