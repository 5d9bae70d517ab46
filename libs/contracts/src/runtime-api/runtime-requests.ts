import { z } from 'zod';
import { commaSeparatedList } from '../common/lenient-input';

/** Body of `POST /stop` and `POST /pause` (and the base of `POST /resume`). */
export const RuntimeIdRequestSchema = z.looseObject({
  runtime_id: z.string().min(1),
});
export type RuntimeIdRequest = z.infer<typeof RuntimeIdRequestSchema>;

/**
 * Body of `POST /resume`. The session key survives a pause, so clients holding it keep working;
 * (ext) `rotate_session_key: true` issues a new one instead.
 */
export const ResumeRequestSchema = RuntimeIdRequestSchema.extend({
  rotate_session_key: z.boolean().default(false),
});
export type ResumeRequest = z.infer<typeof ResumeRequestSchema>;

/** Query of `GET /sessions/batch`: `ids` repeated (`ids=a&ids=b`) or comma-separated (`ids=a,b`). */
export const SessionsBatchQuerySchema = z.object({
  ids: commaSeparatedList(z.array(z.string().min(1)).min(1, { error: 'give at least one id' })),
});
export type SessionsBatchQuery = z.infer<typeof SessionsBatchQuerySchema>;
