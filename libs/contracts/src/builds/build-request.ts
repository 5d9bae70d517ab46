import { z } from 'zod';
import { commaSeparatedList } from '../common/lenient-input';

/** Name of the multipart part (or JSON field) that carries the build context. */
export const BUILD_CONTEXT_FIELD = 'context';

const targetImage = z
  .string()
  .trim()
  .min(1, { error: 'target_image must not be empty' })
  .regex(/^\S+$/, { error: 'target_image must not contain whitespace' });

/** `tags`: a JSON array, repeated form fields, or one comma-separated string. */
const tags = commaSeparatedList(
  z.array(z.string().regex(/^\S+$/, { error: 'a tag must not contain whitespace' })),
).default([]);

/**
 * Text fields of a multipart `POST /build` (the OpenHands builder's form); the `context` part
 * is a file and reaches the handler separately. Its content is either base64 text or raw
 * tar.gz bytes; telling them apart is the upload handler's job.
 */
export const BuildMultipartFieldsSchema = z.looseObject({
  target_image: targetImage,
  tags,
});
export type BuildMultipartFields = z.infer<typeof BuildMultipartFieldsSchema>;

/**
 * JSON body of `POST /build`, as the agent-server build script sends it. `context` is the base64
 * text of a tar.gz; line breaks (as `base64` without `-w0` writes) are dropped before checking.
 */
export const BuildJsonRequestSchema = z
  .looseObject({
    context: z.preprocess(
      (value) => (typeof value === 'string' ? value.replace(/\s+/g, '') : value),
      z
        .base64({ error: 'context must be the base64 text of a tar.gz' })
        .min(1, { error: 'context must not be empty' }),
    ),
    target_image: targetImage,
    tags,
  })
  .meta({ id: 'BuildJsonRequest' });
export type BuildJsonRequest = z.infer<typeof BuildJsonRequestSchema>;

/** Response of `POST /build`. */
export const BuildResponseSchema = z.object({
  build_id: z.string().min(1),
});
export type BuildResponse = z.infer<typeof BuildResponseSchema>;
