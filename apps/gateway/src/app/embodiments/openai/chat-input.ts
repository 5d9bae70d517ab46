import type { ChatCompletionMessage } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';

/**
 * The run's input from an OpenAI conversation. An agent run takes one input, while OpenAI
 * clients resend the whole conversation each turn: the last message (which must be the user's)
 * is the request, and any earlier messages come first as a labelled transcript, so the agent
 * sees the context the client meant it to have. A single user message is passed as it is.
 */
export function chatInputOf(messages: readonly ChatCompletionMessage[]): string {
  const last = messages.at(-1);
  if (last?.role !== 'user') {
    throw new ApiException(
      400,
      'The last message must be a user message: it is what the agent answers',
    );
  }
  const request = textOf(last, messages.length - 1);
  if (messages.length === 1) return request;
  const transcript = messages
    .slice(0, -1)
    .map((message, index) => `[${message.role}] ${textOf(message, index)}`)
    .join('\n\n');
  return `Conversation so far:\n\n${transcript}\n\nCurrent request:\n\n${request}`;
}

/** A message's text; agents take text only, so other content parts are refused, not dropped. */
function textOf(message: ChatCompletionMessage, index: number): string {
  const { content } = message;
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part) => {
      if (part.type === 'text' && part.text !== undefined) return part.text;
      throw new ApiException(
        400,
        `messages[${index}] has a "${part.type}" content part; agents take text parts only`,
      );
    })
    .join('\n');
}
