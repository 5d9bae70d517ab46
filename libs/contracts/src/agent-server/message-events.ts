import { z } from 'zod';
import { LlmMessageSchema, TextContentSchema } from './content';
import { EventBaseSchema } from './event-base';

/** A user or assistant message in the conversation. */
export const MessageEventSchema = EventBaseSchema.extend({
  kind: z.literal('MessageEvent'),
  llm_message: LlmMessageSchema,
}).meta({ id: 'MessageEvent' });
export type MessageEvent = z.infer<typeof MessageEventSchema>;

/** The system prompt and tool definitions the agent started with; first event of a run. */
export const SystemPromptEventSchema = EventBaseSchema.extend({
  kind: z.literal('SystemPromptEvent'),
  system_prompt: TextContentSchema,
  /** Tool definitions as given to the LLM; their shape is the provider's, so kept opaque. */
  tools: z.array(z.looseObject({})).default([]),
}).meta({ id: 'SystemPromptEvent' });
export type SystemPromptEvent = z.infer<typeof SystemPromptEventSchema>;
