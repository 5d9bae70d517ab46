import {
  generateText,
  type JSONSchema7,
  jsonSchema,
  type LanguageModel,
  type LanguageModelUsage,
  type ModelMessage,
  streamText,
  type ToolSet,
} from 'ai';
import { classifyLlmError } from './classify-error';
import type { LlmClient, LlmRequest, LlmResponse, LlmToolCall, LlmToolSpec } from './llm-client';
import { LlmError } from './llm-error';
import { toModelMessages } from './model-messages';
import { realSleep, type RetryPolicy, type Sleep, withRetries } from './retry';

/** How every call of one client is made. */
export interface LlmCallSettings {
  timeoutMs: number;
  retry: RetryPolicy;
  /** Stream the answer (SSE) and collect it, rather than wait for one JSON body. */
  stream: boolean;
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
}

interface CallArgs {
  model: LanguageModel;
  system: string;
  messages: ModelMessage[];
  tools: ToolSet;
  abortSignal: AbortSignal;
  maxRetries: 0;
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
}

interface SdkToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
  invalid?: boolean;
}

/**
 * {@link LlmClient} on the Vercel AI SDK. Retries are ours (bounded, exponential, cancellable)
 * rather than the library's, so the policy is configurable and testable without real waits.
 */
export class AiSdkLlmClient implements LlmClient {
  constructor(
    private readonly model: LanguageModel,
    private readonly settings: LlmCallSettings,
    private readonly sleep: Sleep = realSleep,
  ) {}

  complete(request: LlmRequest): Promise<LlmResponse> {
    const attempt = () => this.attempt(request);
    return withRetries(attempt, this.settings.retry, this.sleep, request.signal);
  }

  private async attempt(request: LlmRequest): Promise<LlmResponse> {
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    const args: CallArgs = {
      model: this.model,
      system: request.system,
      messages: toModelMessages(request.messages),
      tools: toToolSet(request.tools),
      abortSignal: AbortSignal.any([request.signal, timeout]),
      maxRetries: 0,
      temperature: this.settings.temperature,
      topP: this.settings.topP,
      maxOutputTokens: this.settings.maxOutputTokens,
    };
    try {
      return this.settings.stream ? await collectStream(args) : await generate(args);
    } catch (error) {
      if (request.signal.aborted) throw new LlmError('LLMCancelledError', 'The run was cancelled');
      if (timeout.aborted) {
        const seconds = this.settings.timeoutMs / 1000;
        throw new LlmError('LLMTimeoutError', `The LLM did not answer within ${seconds} s`, true);
      }
      throw classifyLlmError(error);
    }
  }
}

async function generate(args: CallArgs): Promise<LlmResponse> {
  const result = await generateText(args);
  return {
    text: result.text,
    toolCalls: result.toolCalls.map(toToolCall),
    usage: toUsage(result.usage),
    responseId: result.response.id,
  };
}

async function collectStream(args: CallArgs): Promise<LlmResponse> {
  const response: LlmResponse = { text: '', toolCalls: [], usage: toUsage(), responseId: '' };
  // Errors arrive as stream parts and are thrown below; the default handler would only log them.
  for await (const part of streamText({ ...args, onError: () => undefined }).fullStream) {
    if (part.type === 'text-delta') response.text += part.text;
    else if (part.type === 'tool-call') response.toolCalls.push(toToolCall(part));
    else if (part.type === 'error') throw part.error;
    else if (part.type === 'abort') throw new Error('The LLM stream was aborted');
    else if (part.type === 'finish-step') {
      response.usage = toUsage(part.usage);
      response.responseId = part.response.id;
    }
  }
  return response;
}

function toToolSet(tools: readonly LlmToolSpec[]): ToolSet {
  const entries = tools.map((spec) => [
    spec.name,
    { description: spec.description, inputSchema: jsonSchema(spec.parameters as JSONSchema7) },
  ]);
  return Object.fromEntries(entries) as ToolSet;
}

function toToolCall(call: SdkToolCall): LlmToolCall {
  // The library hands back the raw text when the arguments were not valid JSON.
  const raw = call.invalid && typeof call.input === 'string';
  const argumentsJson = raw ? (call.input as string) : JSON.stringify(call.input ?? {});
  return { id: call.toolCallId, name: call.toolName, argumentsJson };
}

function toUsage(usage?: LanguageModelUsage) {
  return { inputTokens: usage?.inputTokens ?? 0, outputTokens: usage?.outputTokens ?? 0 };
}
