import { z } from 'zod';
import { isoTimestamp } from '../common/lenient-input';
import { BuildStatusSchema } from './build-status';

/** Query of `GET /build_status`. */
export const BuildStatusQuerySchema = z.object({
  build_id: z.string().min(1),
});
export type BuildStatusQuery = z.infer<typeof BuildStatusQuerySchema>;

const buildStatusFields = {
  build_id: z.string().min(1),
  /** Why the build failed, was cancelled or expired; absent while it goes well. */
  error: z.string().optional(),
  /** (ext) Manifest digest the registry stored for `image`. */
  image_digest: z.string().optional(),
  /** (ext) Size of the built image in bytes, when known. */
  image_size_bytes: z.number().int().nonnegative().optional(),
  /** (ext) True when the result was reused from an earlier identical build. */
  cached: z.boolean().optional(),
  created_at: isoTimestamp().optional(),
  started_at: isoTimestamp().optional(),
  finished_at: isoTimestamp().optional(),
};

/**
 * Response of `GET /build_status`. On `SUCCESS`, `image` (the pushed reference runtimes can
 * start) is required: clients take it as the result without asking again.
 */
export const BuildStatusResponseSchema = z
  .discriminatedUnion('status', [
    z.object({ ...buildStatusFields, status: z.literal('SUCCESS'), image: z.string().min(1) }),
    z.object({
      ...buildStatusFields,
      status: BuildStatusSchema.exclude(['SUCCESS']),
      image: z.string().optional(),
    }),
  ])
  .meta({ id: 'BuildStatusResponse' });
export type BuildStatusResponse = z.infer<typeof BuildStatusResponseSchema>;
