import { z } from 'zod';

/**
 * The OpenAI chat completions wire format, the subset the OpenAI-compatible embodiment speaks
 * (`POST /v1/chat/completions`, `GET /v1/models`). Requests are loose: OpenAI clients send many
 * sampling options (temperature, top_p, ...) that an agent has no use for; they are ignored.
 */

/** One part of a message's content; only text reaches an agent. */
export const ChatContentPartSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
});
export type ChatContentPart = z.infer<typeof ChatContentPartSchema>;

export const ChatRoleSchema = z.enum(['system', 'developer', 'user', 'assistant', 'tool']);
export type ChatRole = z.infer<typeof ChatRoleSchema>;

export const ChatCompletionMessageSchema = z.looseObject({
  role: ChatRoleSchema,
  content: z.union([z.string(), z.array(ChatContentPartSchema), z.null()]).optional(),
  name: z.string().optional(),
});
export type ChatCompletionMessage = z.infer<typeof ChatCompletionMessageSchema>;

/** `POST /v1/chat/completions`; `model` is `<agent-id>[@<version>]` (AgentModelRefSchema). */
export const ChatCompletionRequestSchema = z
  .looseObject({
    model: z.string().min(1),
    messages: z.array(ChatCompletionMessageSchema).min(1, { error: 'messages must not be empty' }),
    stream: z.boolean().nullish(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  })
  .meta({ id: 'ChatCompletionRequest' });
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;

/** Why a choice ended: `stop` (the agent answered) is the only one an agent run produces. */
export const ChatFinishReasonSchema = z.enum([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'function_call',
]);
export type ChatFinishReason = z.infer<typeof ChatFinishReasonSchema>;

/** A non-streamed answer: object `chat.completion`. */
export const ChatCompletionSchema = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        message: z.object({
          role: z.literal('assistant'),
          content: z.string().nullable(),
          refusal: z.null(),
        }),
        finish_reason: ChatFinishReasonSchema,
        logprobs: z.null(),
      }),
    ),
  })
  .meta({ id: 'ChatCompletion' });
export type ChatCompletion = z.infer<typeof ChatCompletionSchema>;

/** One `data:` line of a streamed answer: object `chat.completion.chunk`. */
export const ChatCompletionChunkSchema = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion.chunk'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        delta: z.object({
          role: z.literal('assistant').optional(),
          content: z.string().optional(),
        }),
        finish_reason: ChatFinishReasonSchema.nullable(),
        logprobs: z.null(),
      }),
    ),
  })
  .meta({ id: 'ChatCompletionChunk' });
export type ChatCompletionChunk = z.infer<typeof ChatCompletionChunkSchema>;

/** One entry of `GET /v1/models`: an agent (`<id>`, its latest version) or one of its versions. */
export const OpenAiModelSchema = z.object({
  id: z.string(),
  object: z.literal('model'),
  created: z.number().int(),
  owned_by: z.string(),
});
export type OpenAiModel = z.infer<typeof OpenAiModelSchema>;

export const OpenAiModelListSchema = z
  .object({ object: z.literal('list'), data: z.array(OpenAiModelSchema) })
  .meta({ id: 'OpenAiModelList' });
export type OpenAiModelList = z.infer<typeof OpenAiModelListSchema>;
