import { z } from 'zod';

/**
 * What a gateway credential (API key or OIDC token) may do. `run`: agent runs, embodiments and
 * the runtime API behind the gateway; `debug`: debug and monitor headers (gateway.md: refused
 * with 403 for anyone else); `admin`: the admin port (agents, keys).
 */
export const GatewayScopeSchema = z.enum(['run', 'debug', 'admin']);
export type GatewayScope = z.infer<typeof GatewayScopeSchema>;
