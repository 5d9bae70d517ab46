import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ChatRequestBody,
  type FakeExpectations,
  type RequestAllowances,
  requestViolations,
} from './fake-openai-checks';
import {
  completionBody,
  type ScriptedReply,
  type SentToolCall,
  streamChunks,
} from './fake-openai-replies';
import { waitFor } from './wait-for';

export type { ScriptedReply, ScriptedToolCall } from './fake-openai-replies';
export type { ChatMessage, ChatRequestBody, FakeExpectations } from './fake-openai-checks';

/** One request as the fake received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: ChatRequestBody;
}

/** One scripted answer, with optional extra checks and a gate that holds the reply back. */
export interface ScriptStep {
  reply: ScriptedReply;
  /** Problems with this particular request (empty when it is as expected). */
  check?: (request: RecordedRequest) => string[];
  /** The reply waits for this, so a test can act while the agent waits for the LLM. */
  gate?: Promise<void>;
  /**
   * What this request may do that others may not: come without tools (a summarising request),
   * or leave out earlier tool calls (after the agent condensed its history). Everything it does
   * send is still checked.
   */
  allow?: RequestAllowances;
}

/**
 * A FAKE OpenAI-compatible chat completions server for tests (never a real provider). The test
 * scripts its answers in order; the fake checks each request (model, bearer key, tool schemas,
 * earlier tool calls answered), records it, and on anything unexpected, including a request
 * after the script ran out, answers 500 and records a violation the test asserts is absent.
 */
export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  private readonly script: ScriptStep[] = [];
  private readonly issued: SentToolCall[] = [];

  private constructor(
    private readonly server: Server,
    private readonly expected: FakeExpectations,
  ) {}

  static async start(expected: FakeExpectations): Promise<FakeOpenAiServer> {
    const server = createServer();
    const fake = new FakeOpenAiServer(server, expected);
    server.on('request', (request, response) => void fake.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** What `agent.llm.base_url` should be. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  enqueue(...steps: (ScriptStep | ScriptedReply)[]): this {
    this.script.push(...steps.map((step) => ('reply' in step ? step : { reply: step })));
    return this;
  }

  /**
   * Says the next request starts another conversation (a fake shared by several runs, one after
   * the other): tool calls issued to earlier conversations are no longer expected in the history.
   */
  newConversation(): this {
    this.issued.length = 0;
    return this;
  }

  /** Scripted answers not yet used. */
  get remaining(): number {
    return this.script.length;
  }

  async waitForRequests(count: number, timeoutMs = 15_000): Promise<void> {
    const description = `${count} requests to the fake OpenAI server`;
    await waitFor(() => Promise.resolve(this.requests.length >= count), { timeoutMs, description });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const recorded = await this.record(request);
    const step = this.script.shift();
    const problems =
      request.method !== 'POST' || recorded.path !== '/v1/chat/completions'
        ? [`unexpected ${request.method} ${recorded.path}`]
        : [
            ...requestViolations(
              recorded.authorization,
              recorded.body,
              this.expected,
              this.issued,
              step?.allow,
            ),
            ...(step ? (step.check?.(recorded) ?? []) : ['the script has no answer left']),
          ];
    if (problems.length > 0 || !step) return this.fail(response, problems);
    await step.gate;
    this.reply(response, recorded.body, step.reply);
  }

  private async record(request: IncomingMessage): Promise<RecordedRequest> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: ChatRequestBody = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestBody;
    } catch {
      // Recorded as empty; the checks then report what is missing.
    }
    const recorded = {
      method: request.method ?? '',
      path: request.url ?? '',
      authorization: request.headers.authorization,
      body,
    };
    this.requests.push(recorded);
    return recorded;
  }

  private fail(response: ServerResponse, problems: string[]): void {
    const message = `fake-openai: request ${this.requests.length}: ${problems.join('; ')}`;
    this.violations.push(message);
    sendJson(response, 500, { error: { message, type: 'fake_violation' } });
  }

  private reply(response: ServerResponse, body: ChatRequestBody, reply: ScriptedReply): void {
    if ('httpError' in reply) {
      const message = reply.message ?? `scripted HTTP ${reply.httpError}`;
      return sendJson(response, reply.httpError, { error: { message, type: 'scripted_error' } });
    }
    const calls = 'toolCalls' in reply ? reply.toolCalls.map((call) => this.issue(call)) : [];
    const id = `chatcmpl-${randomUUID()}`;
    const model = String(body.model);
    if (body.stream !== true)
      return sendJson(response, 200, completionBody(id, model, reply.text ?? '', calls));
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const usage = body.stream_options?.include_usage === true;
    for (const data of streamChunks(id, model, reply.text ?? '', calls, usage))
      response.write(`data: ${data}\n\n`);
    response.end();
  }

  private issue(call: { name: string; arguments: Record<string, unknown> | string; id?: string }) {
    const args =
      typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
    const sent = {
      id: call.id ?? `call_${this.issued.length + 1}`,
      name: call.name,
      arguments: args,
    };
    this.issued.push(sent);
    return sent;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
