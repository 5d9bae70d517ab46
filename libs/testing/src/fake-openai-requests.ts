import type { RecordedRequest } from './fake-openai-server';

/** The text of the last tool result the LLM was sent in `request` (JSON of its content). */
export function lastToolResult(request: RecordedRequest): string {
  const content = request.body.messages?.filter((m) => m.role === 'tool').at(-1)?.content;
  return JSON.stringify(content) ?? '';
}

/** A ScriptStep check: the last tool result the LLM saw contains `needle`. */
export const sees =
  (needle: string) =>
  (request: RecordedRequest): string[] =>
    lastToolResult(request).includes(needle) ? [] : [`the LLM did not see "${needle}"`];
