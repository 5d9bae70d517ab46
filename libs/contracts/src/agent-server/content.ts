import { z } from 'zod';

/** A text part of an LLM message (`{type: "text", text}`). */
export const TextContentSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  /** Anthropic prompt caching hint, set by the SDK on long stable prefixes. */
  cache_prompt: z.boolean().optional(),
});
export type TextContent = z.infer<typeof TextContentSchema>;

/** An image part of an LLM message: http(s) or `data:` URLs. */
export const ImageContentSchema = z.looseObject({
  type: z.literal('image'),
  image_urls: z.array(z.string().min(1)).min(1),
});
export type ImageContent = z.infer<typeof ImageContentSchema>;

/** One part of an LLM message's `content[]`, told apart by `type`. */
export const MessageContentSchema = z.discriminatedUnion('type', [
  TextContentSchema,
  ImageContentSchema,
]);
export type MessageContent = z.infer<typeof MessageContentSchema>;

/** The LLM API's message roles (not the event `source`). */
export const MessageRoleSchema = z.enum(['user', 'system', 'assistant', 'tool']);
export type MessageRole = z.infer<typeof MessageRoleSchema>;

/** `llm_message` of a MessageEvent: one message as the LLM sees it. */
export const LlmMessageSchema = z.looseObject({
  role: MessageRoleSchema,
  content: z.array(MessageContentSchema).default([]),
});
export type LlmMessage = z.infer<typeof LlmMessageSchema>;
