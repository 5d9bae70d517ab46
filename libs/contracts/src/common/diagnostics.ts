import { z } from 'zod';

/** (ext) `POST /diagnostics/queue`: proves runtime-api -> BullMQ -> build-service -> back. */
export const DiagnosticPingRequestSchema = z.looseObject({
  message: z.string().max(200).default('ping'),
  timeout_ms: z.number().int().min(100).max(30_000).default(10_000),
});
export type DiagnosticPingRequest = z.infer<typeof DiagnosticPingRequestSchema>;

/** Who processed a diagnostic job. */
export const DiagnosticWorkerSchema = z.object({
  service: z.string(),
  worker_id: z.string(),
  pid: z.number().int(),
  hostname: z.string(),
});

/** What the worker returns for a diagnostic job, echoed to the caller. */
export const DiagnosticJobResultSchema = z.object({
  message: z.string(),
  processed_by: DiagnosticWorkerSchema,
  processed_at: z.iso.datetime(),
});
export type DiagnosticJobResult = z.infer<typeof DiagnosticJobResultSchema>;

export const DiagnosticPingResponseSchema = DiagnosticJobResultSchema.extend({
  job_id: z.string(),
  queue: z.string(),
  enqueued_at: z.iso.datetime(),
  round_trip_ms: z.number().nonnegative(),
});
export type DiagnosticPingResponse = z.infer<typeof DiagnosticPingResponseSchema>;
