import { z } from 'zod';
import { queryBoolean } from '../common/lenient-input';

/** (ext) Body of `POST /build_cancel`: cancels a queued or running build. */
export const BuildCancelRequestSchema = z.looseObject({
  build_id: z.string().min(1),
});
export type BuildCancelRequest = z.infer<typeof BuildCancelRequestSchema>;

/**
 * (ext) Query of `GET /build_logs`. With `follow`, the stream stays open until the build ends;
 * without it, the log so far is sent and the response ends.
 */
export const BuildLogsQuerySchema = z.object({
  build_id: z.string().min(1),
  follow: queryBoolean().default(false),
});
export type BuildLogsQuery = z.infer<typeof BuildLogsQuerySchema>;
