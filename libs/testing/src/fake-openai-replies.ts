/** One tool call a scripted reply makes; `arguments` is sent as JSON (a string as is). */
export interface ScriptedToolCall {
  name: string;
  arguments: Record<string, unknown> | string;
  id?: string;
}

/** What the fake answers to one chat completions request. */
export type ScriptedReply =
  | { text: string }
  | { toolCalls: ScriptedToolCall[]; text?: string }
  | { httpError: number; message?: string };

/** A tool call as sent, with the id the fake gave it. */
export interface SentToolCall {
  id: string;
  name: string;
  arguments: string;
}

const USAGE = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 };

/** The non-streaming `chat.completion` body. */
export function completionBody(id: string, model: string, text: string, calls: SentToolCall[]) {
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text || null,
          ...(calls.length > 0 ? { tool_calls: calls.map(toWire) } : {}),
        },
        finish_reason: calls.length > 0 ? 'tool_calls' : 'stop',
      },
    ],
    usage: USAGE,
  };
}

/**
 * The same answer as `chat.completion.chunk` SSE payloads, split the way real servers split
 * them: text in pieces, each tool call announced with its id and name, then its arguments in
 * two deltas, a finish chunk, a usage chunk when asked for, and `[DONE]`.
 */
export function streamChunks(
  id: string,
  model: string,
  text: string,
  calls: SentToolCall[],
  includeUsage: boolean,
): string[] {
  const chunk = (delta: object, finish: string | null = null) =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
  const chunks = [chunk({ role: 'assistant', content: '' })];
  for (const piece of halves(text)) chunks.push(chunk({ content: piece }));
  calls.forEach((call, index) => {
    const start = {
      index,
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: '' },
    };
    chunks.push(chunk({ tool_calls: [start] }));
    for (const piece of halves(call.arguments))
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  chunks.push(chunk({}, calls.length > 0 ? 'tool_calls' : 'stop'));
  if (includeUsage)
    chunks.push(
      JSON.stringify({ id, object: 'chat.completion.chunk', model, choices: [], usage: USAGE }),
    );
  return [...chunks, '[DONE]'];
}

function toWire(call: SentToolCall) {
  return {
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  };
}

function halves(text: string): string[] {
  const middle = Math.ceil(text.length / 2);
  return [text.slice(0, middle), text.slice(middle)].filter((piece) => piece.length > 0);
}
