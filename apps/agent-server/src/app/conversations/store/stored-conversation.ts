import { ConversationInfoSchema, SecretsSchema } from '@agentrt/contracts';
import { z } from 'zod';

/**
 * `meta.json` of a conversation: its info as the runner needs it (LLM key in clear) and its
 * secrets. Never sent to a client as is: ConversationInfo leaves the server masked.
 */
export const StoredConversationSchema = z.object({
  version: z.literal(1),
  info: ConversationInfoSchema,
  secrets: SecretsSchema.default({}),
});
export type StoredConversation = z.infer<typeof StoredConversationSchema>;
