import { z } from 'zod';
import { nullAsMissing } from '../common/lenient-input';

/** Response of `GET /alive` and `GET /health` on the agent server. */
export const AliveResponseSchema = z.object({
  status: z.literal('ok'),
});
export type AliveResponse = z.infer<typeof AliveResponseSchema>;

/**
 * Response of `GET /server_info` (no key needed). runtime-api's idle reaper reads `idle_time`:
 * seconds since the last API call, running agent turn or open event subscriber.
 */
export const ServerInfoSchema = z.looseObject({
  uptime: z.number().nonnegative(),
  idle_time: z.number().nonnegative(),
  version: z.string(),
});
export type ServerInfo = z.infer<typeof ServerInfoSchema>;

/**
 * The one-time init call runtime-api makes to a warm-pool runtime right after claiming it: the
 * runtime booted without a session key, and only now gets its key and the requested
 * environment. A second call is refused, so a claimed runtime cannot be re-keyed.
 */
export const RuntimeInitRequestSchema = z.looseObject({
  session_api_key: z.string().min(1),
  environment: nullAsMissing(z.record(z.string(), z.string())),
});
export type RuntimeInitRequest = z.infer<typeof RuntimeInitRequestSchema>;
