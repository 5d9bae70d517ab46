import type { AgentDefinition, AlexaResponseEnvelope } from '@agentrt/contracts';
import type { RecordedRequest } from '@agentrt/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import OpenAI from 'openai';
import { GatewayStack } from './gateway-stack';

/** A ScriptStep check: the LLM was shown `needle` somewhere in the conversation. */
const shown =
  (needle: string) =>
  (request: RecordedRequest): string[] =>
    JSON.stringify(request.body.messages).includes(needle)
      ? []
      : [`the LLM did not see "${needle}"`];

/**
 * The embodiments end to end, through the official clients: the `openai` npm client and the MCP
 * SDK client against a real gateway, runtime-api (local backend) and agent servers, with a FAKE
 * scripted LLM; the API documents; an Alexa skill conversation.
 */
describe('gateway embodiments: OpenAI, MCP, Alexa and the API documents', () => {
  let stack: GatewayStack;
  let agent: AgentDefinition;
  let openai: OpenAI;

  beforeAll(async () => {
    // Alexa's own 8 s default is too tight for a cold local runtime on a shared machine.
    stack = await GatewayStack.start({ gatewayEnv: { ALEXA_RUN_TIMEOUT_SECONDS: '60' } });
    agent = await stack.createAgent({ name: 'Weather helper' });
    // The run key as a bearer token: all the openai client can send.
    openai = new OpenAI({
      baseURL: `${stack.gateway.url}/v1`,
      apiKey: stack.keys.run,
      maxRetries: 0,
    });
  }, 120_000);
  afterAll(async () => stack?.tearDown());
  afterEach(() => expect(stack.llm.violations).toEqual([]));

  describe('OpenAI-compatible /v1', () => {
    it('lists each agent as <id> and <id>@<version>', async () => {
      const models = [];
      for await (const model of openai.models.list()) models.push(model);
      expect(models).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: agent.id, object: 'model', owned_by: 'agentrt' }),
          expect.objectContaining({ id: `${agent.id}@1.0`, object: 'model', owned_by: 'agentrt' }),
        ]),
      );
    });

    it('answers a chat completion with the agent run on the conversation', async () => {
      stack.llm.enqueue({ reply: { text: 'It is 42.' }, check: shown('What is 6 times 7?') });
      const completion = await openai.chat.completions.create({
        model: agent.id,
        messages: [
          { role: 'user', content: 'Hello' },
          { role: 'assistant', content: 'Hi, how can I help?' },
          { role: 'user', content: 'What is 6 times 7?' },
        ],
      });
      expect(completion).toMatchObject({
        object: 'chat.completion',
        model: agent.id,
        choices: [
          { index: 0, message: { role: 'assistant', content: 'It is 42.' }, finish_reason: 'stop' },
        ],
      });
      expect(completion.id).toMatch(/^chatcmpl-/);
      expect(JSON.stringify(stack.llm.requests.at(-1)?.body.messages)).toContain(
        'Hi, how can I help?',
      );
    });

    it('streams a chat completion as chat.completion.chunk objects ending in [DONE]', async () => {
      stack.llm.enqueue({ reply: { text: 'Streaming answer.' }, check: shown('Stream please') });
      const stream = await openai.chat.completions.create({
        model: `${agent.id}@1.0`,
        messages: [{ role: 'user', content: 'Stream please' }],
        stream: true,
      });
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
      expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
      expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
      expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
        'Streaming answer.',
      );
      expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    });

    it('surfaces errors as the client APIError subclasses with their status and detail', async () => {
      const unknown = openai.chat.completions.create({
        model: 'no-such-agent',
        messages: [{ role: 'user', content: 'hi' }],
      });
      await expect(unknown).rejects.toBeInstanceOf(OpenAI.NotFoundError);
      await expect(unknown).rejects.toMatchObject({
        status: 404,
        message: expect.stringContaining('no-such-agent'),
      });
      const bad = openai.chat.completions.create({ model: agent.id, messages: [] });
      await expect(bad).rejects.toMatchObject({
        status: 400,
        message: expect.stringContaining('messages'),
      });
      const stranger = new OpenAI({ baseURL: openai.baseURL, apiKey: 'not-a-key', maxRetries: 0 });
      await expect(stranger.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    });
  });

  describe('MCP /mcp', () => {
    const clients: Client[] = [];
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((client) => client.close()));
    });

    const connect = async (key: string) => {
      const client = new Client({ name: 'embodiments-e2e', version: '1.0.0' });
      clients.push(client);
      const transport = new StreamableHTTPClientTransport(new URL(`${stack.gateway.url}/mcp`), {
        requestInit: { headers: { 'X-API-Key': key } },
      });
      await client.connect(transport);
      return client;
    };

    it('lists the agents as tools and runs one when called', async () => {
      const client = await connect(stack.keys.run);
      const { tools } = await client.listTools();
      expect(tools).toContainEqual(
        expect.objectContaining({
          name: agent.id,
          title: 'Weather helper',
          inputSchema: expect.objectContaining({ required: ['input'] }),
        }),
      );
      stack.llm.enqueue({
        reply: { text: 'Sunny, 21 degrees.' },
        check: shown('Weather in Oslo?'),
      });
      const result = await client.callTool({
        name: agent.id,
        arguments: { input: 'Weather in Oslo?' },
      });
      expect(result).toMatchObject({ content: [{ type: 'text', text: 'Sunny, 21 degrees.' }] });
      expect(result.isError).toBeFalsy();
    });

    it('refuses unknown tools and missing input as invalid params, and unknown keys at the edge', async () => {
      const client = await connect(stack.keys.run);
      await expect(
        client.callTool({ name: 'no-such-agent', arguments: { input: 'x' } }),
      ).rejects.toThrow(/Unknown tool "no-such-agent"/);
      await expect(client.callTool({ name: agent.id, arguments: {} })).rejects.toThrow(/input/);
      await expect(connect('not-a-key')).rejects.toMatchObject({
        code: 401,
        message: expect.stringContaining('Invalid API key'),
      });
    });
  });

  describe('API documents (public)', () => {
    const get = (path: string) => stack.call('GET', path, { key: '' });

    it('serves the OpenAPI document with public /api paths, and Swagger UI', async () => {
      const document = (await (await get('/openapi.json')).json()) as {
        paths: Record<string, unknown>;
      };
      const paths = Object.keys(document.paths);
      expect(paths).toEqual(
        expect.arrayContaining(['/api/runs', '/v1/chat/completions', '/alexa']),
      );
      expect(paths.filter((path) => path.startsWith('/_routed'))).toEqual([]);
      const swagger = await get('/swagger');
      expect(swagger.status).toBe(200);
      expect(await swagger.text()).toContain('swagger-ui');
      const init = await get('/swagger/swagger-ui-init.js');
      expect(await init.text()).toContain('/api/runs');
    });

    it('serves a Postman v2.1 collection of the same API', async () => {
      const collection = (await (await get('/postman')).json()) as {
        info: { schema: string };
        item: { name: string; item: { request: { method: string; url: { raw: string } } }[] }[];
        variable: { key: string; value: string }[];
      };
      expect(collection.info.schema).toBe(
        'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
      );
      const requests = collection.item.flatMap((folder) => folder.item.map((item) => item.request));
      expect(requests).toContainEqual(
        expect.objectContaining({
          method: 'POST',
          url: expect.objectContaining({ raw: '{{baseUrl}}/api/runs' }),
        }),
      );
      expect(collection.variable).toContainEqual(
        expect.objectContaining({ key: 'baseUrl', value: stack.gateway.url }),
      );
    });

    it('serves a GPT Actions document: OpenAPI 3.1, this server, the run operations only', async () => {
      const document = (await (await get('/chatgpt/openapi.json')).json()) as {
        openapi: string;
        servers: { url: string }[];
        paths: Record<string, Record<string, { operationId: string; description: string }>>;
        components: { securitySchemes: Record<string, unknown> };
      };
      expect(document.openapi).toBe('3.1.0');
      expect(document.servers).toEqual([{ url: stack.gateway.url }]);
      const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
      expect(operations.map((op) => op.operationId).sort()).toEqual(['getRun', 'runAgent']);
      expect(operations.every((op) => op.description.length < 300)).toBe(true);
      expect(document.components.securitySchemes).toEqual({
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      });
    });
  });

  describe('Alexa /alexa', () => {
    const envelope = (request: Record<string, unknown>) => ({
      version: '1.0',
      session: { sessionId: 'session-1', application: { applicationId: 'amzn1.ask.skill.e2e' } },
      request: {
        requestId: `req-${Math.random()}`,
        timestamp: new Date().toISOString(),
        ...request,
      },
    });
    const alexa = async (path: string, body: unknown) => {
      const response = await stack.call('POST', path, { body });
      return { status: response.status, body: (await response.json()) as AlexaResponseEnvelope };
    };

    it('launches, answers an utterance with the agent, and ends the session', async () => {
      const launch = await alexa(`/alexa/${agent.id}`, envelope({ type: 'LaunchRequest' }));
      expect(launch.status).toBe(200);
      expect(launch.body.response.outputSpeech?.text).toContain('Weather helper');
      expect(launch.body.response.shouldEndSession).toBe(false);

      stack.llm.enqueue({ reply: { text: 'Take an umbrella.' }, check: shown('Will it rain?') });
      const intent = envelope({
        type: 'IntentRequest',
        intent: {
          name: 'AskAgentIntent',
          slots: { utterance: { name: 'utterance', value: 'Will it rain?' } },
        },
      });
      const asked = await stack.call('POST', '/alexa', {
        body: intent,
        headers: { 'X-AGENT-ID': agent.id },
      });
      const answer = (await asked.json()) as AlexaResponseEnvelope;
      expect(answer).toMatchObject({
        version: '1.0',
        response: {
          outputSpeech: { type: 'PlainText', text: 'Take an umbrella.' },
          shouldEndSession: false,
        },
      });

      const stop = await alexa(
        `/alexa/${agent.id}`,
        envelope({ type: 'IntentRequest', intent: { name: 'AMAZON.StopIntent' } }),
      );
      expect(stop.body.response.shouldEndSession).toBe(true);
      const ended = await alexa(
        `/alexa/${agent.id}`,
        envelope({ type: 'SessionEndedRequest', reason: 'USER_INITIATED' }),
      );
      expect(ended).toEqual({ status: 200, body: { version: '1.0', response: {} } });
    });

    it('refuses garbage, stale requests and callers without a key', async () => {
      expect((await alexa(`/alexa/${agent.id}`, { hello: 'world' })).status).toBe(400);
      const stale = envelope({ type: 'LaunchRequest', timestamp: '2020-01-01T00:00:00Z' });
      expect((await alexa(`/alexa/${agent.id}`, stale)).status).toBe(400);
      const anonymous = await stack.call('POST', `/alexa/${agent.id}`, {
        key: '',
        body: envelope({ type: 'LaunchRequest' }),
      });
      expect(anonymous.status).toBe(401);
    });
  });
});
