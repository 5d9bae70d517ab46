import { z } from 'zod';

/** Payload of a diagnostic ping job: small, no secrets. */
export const DiagnosticJobDataSchema = z.object({
  message: z.string().max(200),
  request_id: z.string(),
  enqueued_at: z.iso.datetime(),
});
export type DiagnosticJobData = z.infer<typeof DiagnosticJobDataSchema>;
