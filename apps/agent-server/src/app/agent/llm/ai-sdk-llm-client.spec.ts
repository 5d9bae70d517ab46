import { FakeOpenAiServer } from '@agentrt/testing';
import { AiSdkLlmClient, type LlmCallSettings } from './ai-sdk-llm-client';
import { languageModelFor } from './language-model';
import type { LlmMessage, LlmRequest } from './llm-client';
import { LlmError } from './llm-error';

const MODEL = 'test-model';
const API_KEY = 'sk-fake-key-123';
const TOOLS = [
  {
    name: 'terminal',
    description: 'Runs a command',
    parameters: {
      type: 'object',
      properties: { command: { type: 'string' } },
      required: ['command'],
    },
  },
];

let fake: FakeOpenAiServer;
afterEach(async () => fake.close());

async function setup(stream: boolean, settings: Partial<LlmCallSettings> = {}) {
  fake = await FakeOpenAiServer.start({
    model: MODEL,
    apiKey: API_KEY,
    tools: ['terminal'],
    stream,
  });
  const waits: number[] = [];
  const model = languageModelFor({ model: MODEL, api_key: API_KEY, base_url: fake.baseUrl });
  const client = new AiSdkLlmClient(
    model,
    {
      timeoutMs: 5_000,
      retry: { retries: 2, minWaitMs: 100, maxWaitMs: 150 },
      stream,
      ...settings,
    },
    (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  );
  return { client, waits };
}

function request(messages: LlmMessage[], signal = new AbortController().signal): LlmRequest {
  return { system: 'You are a test agent.', messages, tools: TOOLS, signal };
}

const hello: LlmMessage[] = [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }];

describe.each([false, true])(
  'AiSdkLlmClient against the fake OpenAI server (stream: %s)',
  (stream) => {
    it('returns a text answer, sending the system prompt, model, key and tool schemas', async () => {
      const { client } = await setup(stream);
      fake.enqueue({ text: 'Hi there, all done.' });
      const response = await client.complete(request(hello));
      expect(response).toMatchObject({ text: 'Hi there, all done.', toolCalls: [] });
      expect(response.usage).toEqual({ inputTokens: 11, outputTokens: 7 });
      expect(response.responseId).toMatch(/^chatcmpl-/);
      expect(fake.violations).toEqual([]);
      expect(fake.requests[0]?.body.messages).toEqual([
        { role: 'system', content: 'You are a test agent.' },
        { role: 'user', content: 'hello' },
      ]);
    });

    it('returns parallel tool calls with their raw JSON arguments, then sends their results back', async () => {
      const { client } = await setup(stream);
      fake.enqueue(
        {
          text: 'Let me look.',
          toolCalls: [
            { name: 'terminal', arguments: { command: 'ls -la' } },
            { name: 'terminal', arguments: { command: 'pwd' } },
          ],
        },
        { text: 'Done.' },
      );
      const first = await client.complete(request(hello));
      expect(first.text).toBe('Let me look.');
      expect(first.toolCalls).toEqual([
        { id: 'call_1', name: 'terminal', argumentsJson: '{"command":"ls -la"}' },
        { id: 'call_2', name: 'terminal', argumentsJson: '{"command":"pwd"}' },
      ]);
      const results: LlmMessage[] = first.toolCalls.map((call) => ({
        role: 'tool',
        toolCallId: call.id,
        toolName: call.name,
        text: `output of ${call.id}`,
        isError: false,
      }));
      const history = [
        ...hello,
        { role: 'assistant' as const, text: first.text, toolCalls: first.toolCalls },
        ...results,
      ];
      await expect(client.complete(request(history))).resolves.toMatchObject({ text: 'Done.' });
      expect(fake.violations).toEqual([]);
      expect(fake.requests[1]?.body.messages?.slice(-2)).toEqual([
        { role: 'tool', tool_call_id: 'call_1', content: 'output of call_1' },
        { role: 'tool', tool_call_id: 'call_2', content: 'output of call_2' },
      ]);
    });

    it('hands back arguments that are not JSON, and unknown tool names, for the loop to report', async () => {
      const { client } = await setup(stream);
      fake.enqueue({
        toolCalls: [
          { name: 'terminal', arguments: '{"command": "ls' },
          { name: 'no_such_tool', arguments: { x: 1 } },
        ],
      });
      const response = await client.complete(request(hello));
      expect(response.toolCalls).toEqual([
        { id: 'call_1', name: 'terminal', argumentsJson: '{"command": "ls' },
        { id: 'call_2', name: 'no_such_tool', argumentsJson: '{"x":1}' },
      ]);
    });

    it('retries rate limits and server errors with growing waits, then succeeds', async () => {
      const { client, waits } = await setup(stream);
      fake.enqueue({ httpError: 429 }, { httpError: 503 }, { text: 'ok' });
      await expect(client.complete(request(hello))).resolves.toMatchObject({ text: 'ok' });
      expect(waits).toEqual([100, 150]);
      expect(fake.requests).toHaveLength(3);
    });

    it('gives up after the bounded retries with the last error', async () => {
      const { client } = await setup(stream);
      fake.enqueue(
        { httpError: 500 },
        { httpError: 500 },
        { httpError: 502, message: 'bad gateway' },
      );
      const error = await client.complete(request(hello)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LlmError);
      expect(error).toMatchObject({ code: 'LLMServiceUnavailableError' });
      expect((error as LlmError).message).toContain('502');
      expect(fake.requests).toHaveLength(3);
    });

    it('does not retry a refused key', async () => {
      const { client } = await setup(stream);
      fake.enqueue({ httpError: 401, message: 'Incorrect API key provided' });
      await expect(client.complete(request(hello))).rejects.toMatchObject({
        code: 'LLMAuthenticationError',
        message: expect.stringContaining('Incorrect API key'),
      });
      expect(fake.requests).toHaveLength(1);
    });

    it('times out a call that does not answer in time', async () => {
      const { client } = await setup(stream, {
        timeoutMs: 200,
        retry: { retries: 0, minWaitMs: 0, maxWaitMs: 0 },
      });
      let release = () => undefined as void;
      fake.enqueue({
        reply: { text: 'late' },
        gate: new Promise<void>((resolve) => (release = resolve)),
      });
      await expect(client.complete(request(hello))).rejects.toMatchObject({
        code: 'LLMTimeoutError',
      });
      release();
    });

    it('stops at once when the run is cancelled', async () => {
      const { client } = await setup(stream);
      let release = () => undefined as void;
      fake.enqueue({
        reply: { text: 'late' },
        gate: new Promise<void>((resolve) => (release = resolve)),
      });
      const controller = new AbortController();
      const pending = client.complete(request(hello, controller.signal));
      await fake.waitForRequests(1);
      controller.abort();
      await expect(pending).rejects.toMatchObject({ code: 'LLMCancelledError' });
      expect(fake.requests).toHaveLength(1);
      release();
    });
  },
);

describe('AiSdkLlmClient without a server', () => {
  it('reports an unreachable server as unavailable after its retries', async () => {
    fake = await FakeOpenAiServer.start({ model: MODEL, apiKey: API_KEY });
    const baseUrl = fake.baseUrl;
    await fake.close();
    const waits: number[] = [];
    const client = new AiSdkLlmClient(
      languageModelFor({ model: MODEL, api_key: API_KEY, base_url: baseUrl }),
      { timeoutMs: 5_000, retry: { retries: 1, minWaitMs: 10, maxWaitMs: 10 }, stream: false },
      (ms) => Promise.resolve(void waits.push(ms)),
    );
    await expect(client.complete(request(hello))).rejects.toMatchObject({
      code: 'LLMServiceUnavailableError',
      message: expect.stringContaining('Cannot reach the LLM'),
    });
    expect(waits).toEqual([10]);
    fake = await FakeOpenAiServer.start({ model: MODEL, apiKey: API_KEY });
  });
});
