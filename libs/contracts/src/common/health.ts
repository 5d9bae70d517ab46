import { z } from 'zod';

/** Result of one dependency check (Redis, a peer service, the queue worker). */
export const HealthCheckSchema = z.object({
  status: z.enum(['up', 'down']),
  latency_ms: z.number().nonnegative().optional(),
  error: z.string().optional(),
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;

/**
 * `GET /health` of every app. `status` is `ok` only when every check is `up`; the HTTP status is
 * 200 then and 503 otherwise, so load balancers and clients agree on readiness.
 */
export const HealthResponseSchema = z.looseObject({
  status: z.enum(['ok', 'error']),
  service: z.string(),
  version: z.string(),
  uptime_seconds: z.number().nonnegative(),
  checks: z.record(z.string(), HealthCheckSchema),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
