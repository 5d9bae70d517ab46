import { z } from 'zod';

/** Multipart field of `POST /api/file/upload` that carries the file. */
export const FILE_UPLOAD_FIELD = 'file';

/**
 * An absolute path in the runtime. Only the form is checked here; whether it stays inside the
 * allowed roots (workspace, home) after resolving `..` and links is the file service's check.
 */
export const AbsolutePathSchema = z
  .string()
  .min(1, { error: 'path must not be empty' })
  .refine((path) => path.startsWith('/'), {
    error: (issue) => `path must be absolute (start with "/"), got ${JSON.stringify(issue.input)}`,
  })
  .refine((path) => !path.includes('\0'), { error: 'path must not contain NUL bytes' });
export type AbsolutePath = z.infer<typeof AbsolutePathSchema>;

/** Query of `POST /api/file/upload` and `GET /api/file/download`. */
export const FilePathQuerySchema = z.object({
  path: AbsolutePathSchema,
});
export type FilePathQuery = z.infer<typeof FilePathQuerySchema>;
