import { z } from 'zod';
import { nullAsMissing, nullishDefault } from '../common/lenient-input';
import { AgentConfigSchema, WorkspaceSchema } from './agent-config';
import { ConfirmationPolicySchema, DEFAULT_CONFIRMATION_POLICY } from './confirmation-policy';
import { MessageContentSchema, MessageRoleSchema } from './content';
import { SecretsSchema } from './secrets';

/**
 * Body of `POST /api/conversations/{id}/events`, and `initial_message` of a new conversation.
 * With `run: true` the agent loop starts if the conversation is idle.
 */
export const SendMessageRequestSchema = z
  .looseObject({
    role: MessageRoleSchema.default('user'),
    content: z.array(MessageContentSchema).default([]),
    run: z.boolean().default(false),
  })
  .meta({ id: 'SendMessageRequest' });
export type SendMessageRequest = z.infer<typeof SendMessageRequestSchema>;

/**
 * Body of `POST /api/conversations`. The Python SDK sends `null` for every unset field and many
 * fields we do not use (`tool_module_qualnames`, `plugins`, ...); both are accepted. An existing
 * `conversation_id` returns that conversation (200) instead of creating one (201). Without a
 * `workspace` the agent works in the server's workspace directory.
 */
export const StartConversationRequestSchema = z
  .looseObject({
    agent: AgentConfigSchema,
    workspace: nullAsMissing(WorkspaceSchema),
    conversation_id: nullAsMissing(z.uuid()),
    confirmation_policy: nullishDefault(ConfirmationPolicySchema, DEFAULT_CONFIRMATION_POLICY),
    initial_message: nullAsMissing(SendMessageRequestSchema),
    max_iterations: nullishDefault(z.number().int().positive(), 500),
    stuck_detection: nullishDefault(z.boolean(), true),
    secrets: nullishDefault(SecretsSchema, {}),
  })
  .meta({ id: 'StartConversationRequest' });
export type StartConversationRequest = z.infer<typeof StartConversationRequestSchema>;
