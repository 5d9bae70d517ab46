import { z } from 'zod';
import { commaSeparatedList, nullAsMissing } from '../common/lenient-input';

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

const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * (ext) Options beyond the OpenHands fields, accepted in both encodings: the Dockerfile's path
 * in the context, the stage to build, and build arguments. Build arguments end up in job data
 * and image history: never put secrets in them.
 */
const extensionFields = {
  dockerfile: nullAsMissing(
    z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^\0]+$/, { error: 'dockerfile must not contain NUL' }),
  ),
  target: nullAsMissing(
    z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, { error: 'target must be a stage name' }),
  ),
  build_args: nullAsMissing(
    z.record(z.string(), z.string().max(4096)).superRefine((args, ctx) => {
      const names = Object.keys(args);
      if (names.length > 64)
        ctx.addIssue({ code: 'custom', message: 'at most 64 build arguments' });
      const bad = names.find((name) => !BUILD_ARG_NAME.test(name));
      if (bad !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `build argument names are [A-Za-z_][A-Za-z0-9_]*, not ${JSON.stringify(bad.slice(0, 64))}`,
        });
      }
    }),
  ),
};

/**
 * Text fields of a multipart `POST /build` (the OpenHands builder's form); the `context` part
 * is a file and reaches the handler separately. Its content is either base64 text or raw
 * tar.gz bytes; telling them apart is the upload handler's job.
 */
export const BuildMultipartFieldsSchema = z.looseObject({
  target_image: targetImage,
  tags,
  ...extensionFields,
  /** In a form, build arguments come as one JSON object text. */
  build_args: z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }, extensionFields.build_args),
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
    ...extensionFields,
  })
  .meta({ id: 'BuildJsonRequest' });
export type BuildJsonRequest = z.infer<typeof BuildJsonRequestSchema>;

/** Response of `POST /build`. */
export const BuildResponseSchema = z.object({
  build_id: z.string().min(1),
});
export type BuildResponse = z.infer<typeof BuildResponseSchema>;
