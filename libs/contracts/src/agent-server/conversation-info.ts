import { z } from 'zod';
import { isoTimestamp } from '../common/lenient-input';
import { AgentConfigSchema, WorkspaceSchema } from './agent-config';
import { ConfirmationPolicySchema } from './confirmation-policy';
import { ExecutionStatusSchema } from './execution-status';

/**
 * A conversation as `GET /api/conversations/{id}` and the search routes answer it. Loose: the
 * OpenHands server adds fields (`stuck_detection`, `tags`, ...) that clients round-trip.
 * `agent.llm.api_key` must be masked by the server before it leaves.
 */
export const ConversationInfoSchema = z
  .looseObject({
    id: z.uuid(),
    agent: AgentConfigSchema,
    workspace: WorkspaceSchema,
    execution_status: ExecutionStatusSchema,
    confirmation_policy: ConfirmationPolicySchema,
    max_iterations: z.number().int().positive(),
    title: z.string().nullable(),
    created_at: isoTimestamp(),
    updated_at: isoTimestamp(),
    /** LLM usage (tokens, cost) per model, as the SDK reports it. */
    stats: z.record(z.string(), z.unknown()).optional(),
    metrics: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .meta({ id: 'ConversationInfo' });
export type ConversationInfo = z.infer<typeof ConversationInfoSchema>;
