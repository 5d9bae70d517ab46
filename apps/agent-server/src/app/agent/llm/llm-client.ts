/** A text or image part of a user message, as the LLM receives it. */
export type LlmContentPart = { type: 'text'; text: string } | { type: 'image'; url: string };

/** One tool call the LLM asked for; `argumentsJson` is its raw argument text. */
export interface LlmToolCall {
  id: string;
  name: string;
  argumentsJson: string;
}

/** One message of the conversation as the LLM sees it (the system prompt is separate). */
export type LlmMessage =
  | { role: 'user'; content: LlmContentPart[] }
  | { role: 'assistant'; text: string; toolCalls: LlmToolCall[] }
  | { role: 'tool'; toolCallId: string; toolName: string; text: string; isError: boolean };

/** A tool the LLM may call: `parameters` is a JSON schema of its arguments. */
export interface LlmToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface LlmRequest {
  system: string;
  messages: readonly LlmMessage[];
  tools: readonly LlmToolSpec[];
  signal: AbortSignal;
}

export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
}

/** The LLM's answer: text, tool calls, or both. */
export interface LlmResponse {
  text: string;
  toolCalls: LlmToolCall[];
  usage: LlmUsage;
  /** The provider's id for the response; shared by the actions it produced. */
  responseId: string;
}

/**
 * One configured model. The loop only sees this interface, never the provider library's types.
 * `complete` rejects with an {@link LlmError} once retries are exhausted.
 */
export interface LlmClient {
  complete(request: LlmRequest): Promise<LlmResponse>;
}
