import type { LlmClient, LlmRequest, LlmResponse, LlmToolCall } from '../llm/llm-client';

/** A scripted answer: a response, an error to throw, or a function of the request. */
export type FakeAnswer = LlmResponse | Error | ((request: LlmRequest) => LlmResponse | Error);

/**
 * A scripted LlmClient: answers in order, records every request (messages copied as sent), and
 * throws on a call the script did not expect, so a test sees the extra call.
 */
export class FakeLlm implements LlmClient {
  readonly requests: LlmRequest[] = [];
  private readonly script: FakeAnswer[];

  constructor(...script: FakeAnswer[]) {
    this.script = script;
  }

  complete(request: LlmRequest): Promise<LlmResponse> {
    this.requests.push({ ...request, messages: structuredClone([...request.messages]) });
    const next = this.script.shift();
    if (next === undefined)
      return Promise.reject(new Error(`unexpected LLM call #${this.requests.length}`));
    const answer = typeof next === 'function' ? next(request) : next;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }

  get remaining(): number {
    return this.script.length;
  }
}

let counter = 0;

/** An LLM answer with only text (the agent's final message). */
export function textAnswer(text: string): LlmResponse {
  return {
    text,
    toolCalls: [],
    usage: { inputTokens: 1, outputTokens: 1 },
    responseId: `r${++counter}`,
  };
}

/** An LLM answer calling tools; arguments given as objects are sent as JSON. */
export function toolAnswer(
  calls: { name: string; args: Record<string, unknown> | string; id?: string }[],
  text = '',
): LlmResponse {
  const toolCalls: LlmToolCall[] = calls.map((call) => ({
    id: call.id ?? `call-${++counter}`,
    name: call.name,
    argumentsJson: typeof call.args === 'string' ? call.args : JSON.stringify(call.args),
  }));
  return {
    text,
    toolCalls,
    usage: { inputTokens: 1, outputTokens: 1 },
    responseId: `r${++counter}`,
  };
}
