import { z } from 'zod';
import { isoTimestamp } from '../common/lenient-input';
import { AgentIdSchema, AgentVersionSchema } from './agent-definition';

/** `sync` waits for the answer (up to `timeout_seconds`); `async` returns a run id to follow. */
export const AgentRunModeSchema = z.enum(['sync', 'async']);
export type AgentRunMode = z.infer<typeof AgentRunModeSchema>;

/** Body of an agent-runner run request; the agent comes from header, host or path. */
export const AgentRunRequestSchema = z
  .looseObject({
    input: z.string().trim().min(1, { error: 'input must not be empty' }),
    mode: AgentRunModeSchema.default('sync'),
    timeout_seconds: z.number().int().min(1).max(3600).default(300),
    /** Runs with the same session id share one runtime (and its workspace). */
    session_id: z.string().min(1).optional(),
  })
  .meta({ id: 'AgentRunRequest' });
export type AgentRunRequest = z.infer<typeof AgentRunRequestSchema>;

/** Lifecycle of an agent run, from claiming a runtime to the final answer. */
export const AgentRunStatusSchema = z.enum([
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
]);
export type AgentRunStatus = z.infer<typeof AgentRunStatusSchema>;

/**
 * An agent run as the agent-runner reports it: finished (with `output` or `error`) for a sync
 * run that completed in time, otherwise in progress, to be followed by `run_id`.
 */
export const AgentRunResponseSchema = z
  .object({
    run_id: z.string().min(1),
    agent_id: AgentIdSchema,
    agent_version: AgentVersionSchema,
    status: AgentRunStatusSchema,
    output: z.string().optional(),
    error: z.string().optional(),
    runtime_id: z.string().optional(),
    conversation_id: z.uuid().optional(),
    created_at: isoTimestamp(),
    finished_at: isoTimestamp().optional(),
  })
  .meta({ id: 'AgentRunResponse' });
export type AgentRunResponse = z.infer<typeof AgentRunResponseSchema>;

/** Response of listing runs. */
export const AgentRunListResponseSchema = z.object({
  runs: z.array(AgentRunResponseSchema),
  total: z.number().int().nonnegative(),
});
export type AgentRunListResponse = z.infer<typeof AgentRunListResponseSchema>;

/** Query of listing runs: newest first, paged. */
export const AgentRunListQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type AgentRunListQuery = z.infer<typeof AgentRunListQuerySchema>;
