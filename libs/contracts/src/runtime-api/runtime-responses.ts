import { z } from 'zod';
import { RuntimeSchema } from './runtime';

/** Response of `GET /list`. */
export const RuntimeListResponseSchema = z.object({
  runtimes: z.array(RuntimeSchema),
  total: z.number().int().nonnegative(),
});
export type RuntimeListResponse = z.infer<typeof RuntimeListResponseSchema>;

/**
 * What `GET /runtime/{runtime_id}` answers (with 200, not 404) for an unknown id: clients poll
 * that route and read `pod_status` rather than the HTTP status.
 */
export const RuntimeNotFoundResponseSchema = z.object({
  runtime_id: z.string(),
  pod_status: z.literal('not found'),
});
export type RuntimeNotFoundResponse = z.infer<typeof RuntimeNotFoundResponseSchema>;

/** Response of `GET /runtime/{runtime_id}`: the runtime, or the not-found marker. */
export const RuntimeLookupResponseSchema = z.union([RuntimeSchema, RuntimeNotFoundResponseSchema]);
export type RuntimeLookupResponse = z.infer<typeof RuntimeLookupResponseSchema>;

/** Response of `GET /sessions/batch`: a bare JSON array; sessions without a runtime are left out. */
export const SessionsBatchResponseSchema = z.array(RuntimeSchema);
export type SessionsBatchResponse = z.infer<typeof SessionsBatchResponseSchema>;
