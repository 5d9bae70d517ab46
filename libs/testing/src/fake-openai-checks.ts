import type { SentToolCall } from './fake-openai-replies';

/** The parts of a chat completions request body the fake looks at. */
export interface ChatRequestBody {
  model?: unknown;
  stream?: unknown;
  stream_options?: { include_usage?: unknown };
  messages?: ChatMessage[];
  tools?: { type?: unknown; function?: { name?: unknown; parameters?: unknown } }[];
}

export interface ChatMessage {
  role: string;
  content?: unknown;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

/** What every request must carry; unset fields are not checked. */
export interface FakeExpectations {
  model: string;
  /** The `Authorization: Bearer` value. */
  apiKey: string;
  /** Exactly these function names in `tools` (any order). */
  tools?: readonly string[];
  /** The `stream` flag. */
  stream?: boolean;
}

/** Relaxations for one request (see ScriptStep.allow). */
export interface RequestAllowances {
  noTools?: boolean;
  forgottenCalls?: boolean;
}

/**
 * What is wrong with a request: model, key, tool definitions (each a function with an object
 * JSON schema), and the conversation itself: every tool call the fake made earlier must be
 * echoed back as an assistant tool call and answered by a tool message with the same id.
 */
export function requestViolations(
  authorization: string | undefined,
  body: ChatRequestBody,
  expected: FakeExpectations,
  issued: readonly SentToolCall[],
  allow: RequestAllowances = {},
): string[] {
  const problems: string[] = [];
  if (body.model !== expected.model)
    problems.push(`model ${JSON.stringify(body.model)}, expected ${expected.model}`);
  if (authorization !== `Bearer ${expected.apiKey}`)
    problems.push(`Authorization ${JSON.stringify(authorization)} is not the expected bearer key`);
  if (expected.stream !== undefined && (body.stream === true) !== expected.stream)
    problems.push(`stream ${JSON.stringify(body.stream)}, expected ${expected.stream}`);
  if (!Array.isArray(body.messages) || body.messages.length === 0) problems.push('no messages');
  const tools =
    allow.noTools && (body.tools ?? []).length === 0 ? [] : toolViolations(body, expected);
  return [...problems, ...tools, ...historyViolations(body, issued, allow.forgottenCalls === true)];
}

function toolViolations(body: ChatRequestBody, expected: FakeExpectations): string[] {
  const tools = body.tools ?? [];
  const problems = tools.flatMap((tool) => {
    const name = String(tool.function?.name);
    const schema = tool.function?.parameters as
      { type?: unknown; properties?: unknown } | undefined;
    if (tool.type !== 'function') return [`tool ${name} is not of type function`];
    if (schema?.type !== 'object' || typeof schema.properties !== 'object')
      return [`tool ${name} has no object JSON schema: ${JSON.stringify(schema)}`];
    return [];
  });
  if (expected.tools) {
    const names = tools.map((tool) => String(tool.function?.name)).sort();
    const wanted = [...expected.tools].sort();
    if (JSON.stringify(names) !== JSON.stringify(wanted))
      problems.push(`tools ${names.join(',')}, expected ${wanted.join(',')}`);
  }
  return problems;
}

function historyViolations(
  body: ChatRequestBody,
  issued: readonly SentToolCall[],
  mayForget: boolean,
): string[] {
  const messages = body.messages ?? [];
  const echoed = new Map(
    messages.flatMap((message) => (message.tool_calls ?? []).map((call) => [call.id, call])),
  );
  const answered = new Set(messages.map((message) => message.tool_call_id).filter(Boolean));
  return issued.flatMap((call) => {
    const echo = echoed.get(call.id);
    if (!echo && mayForget) return [];
    if (!echo)
      return [`tool call ${call.id} (${call.name}) is missing from the assistant messages`];
    if (echo.function.name !== call.name)
      return [`tool call ${call.id} came back named ${echo.function.name}, not ${call.name}`];
    if (!answered.has(call.id)) return [`tool call ${call.id} (${call.name}) has no tool result`];
    return [];
  });
}
