import type { AssistantModelMessage, ModelMessage, ToolModelMessage, ToolResultPart } from 'ai';
import type { LlmMessage, LlmToolCall } from './llm-client';

/**
 * Our messages in the provider library's format. Consecutive tool results become one tool
 * message, because Anthropic wants all results of one turn in a single message.
 */
export function toModelMessages(messages: readonly LlmMessage[]): ModelMessage[] {
  const result: ModelMessage[] = [];
  for (const message of messages) {
    const previous = result.at(-1);
    if (message.role === 'tool' && previous?.role === 'tool') {
      previous.content.push(toolResult(message));
    } else {
      result.push(toModelMessage(message));
    }
  }
  return result;
}

function toModelMessage(message: LlmMessage): ModelMessage {
  switch (message.role) {
    case 'user':
      return {
        role: 'user',
        content: message.content.map((part) =>
          part.type === 'text' ? { type: 'text', text: part.text } : image(part.url),
        ),
      };
    case 'assistant':
      return assistant(message.text, message.toolCalls);
    case 'tool':
      return { role: 'tool', content: [toolResult(message)] } satisfies ToolModelMessage;
  }
}

function assistant(text: string, toolCalls: readonly LlmToolCall[]): AssistantModelMessage {
  const textParts = text ? [{ type: 'text' as const, text }] : [];
  const callParts = toolCalls.map((call) => ({
    type: 'tool-call' as const,
    toolCallId: call.id,
    toolName: call.name,
    input: parseArguments(call.argumentsJson),
  }));
  return { role: 'assistant', content: [...textParts, ...callParts] };
}

function toolResult(message: Extract<LlmMessage, { role: 'tool' }>): ToolResultPart {
  return {
    type: 'tool-result',
    toolCallId: message.toolCallId,
    toolName: message.toolName,
    output: { type: message.isError ? 'error-text' : 'text', value: message.text },
  };
}

/** An image by URL; one that is not a valid URL is passed on as text rather than failing. */
function image(url: string) {
  return URL.canParse(url)
    ? { type: 'image' as const, image: new URL(url) }
    : { type: 'text' as const, text: `[image: ${url}]` };
}

/** Arguments the LLM once sent that were not JSON go back as `{}`; the error result explains. */
function parseArguments(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return {};
  }
}
