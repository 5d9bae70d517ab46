import { FakeOpenAiServer } from '@agentrt/testing';
import type { AgentServerConfig } from '../../config/agent-server.config';
import { AiSdkLlmClientFactory } from './llm-client-factory';

const MODEL = 'test-model';
const API_KEY = 'sk-fake-key-123';
const config = {
  LLM_TIMEOUT_SECONDS: 5,
  LLM_NUM_RETRIES: 0,
  LLM_RETRY_MIN_WAIT_SECONDS: 1,
  LLM_RETRY_MAX_WAIT_SECONDS: 1,
} as AgentServerConfig;

let fake: FakeOpenAiServer | undefined;
afterEach(async () => fake?.close());

describe('AiSdkLlmClientFactory', () => {
  it('makes a client that answers through the provider library it loads on demand', async () => {
    fake = await FakeOpenAiServer.start({ model: MODEL, apiKey: API_KEY });
    fake.enqueue({ text: 'Hello from the fake.' });
    const factory = new AiSdkLlmClientFactory(config);
    const client = await factory.create({ model: MODEL, api_key: API_KEY, base_url: fake.baseUrl });
    const response = await client.complete({
      system: 'You are a test agent.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }],
      tools: [],
      signal: new AbortController().signal,
    });
    expect(response.text).toBe('Hello from the fake.');
    expect(fake.violations).toEqual([]);
  });

  it('rejects a model it cannot map to a provider with an LLM configuration error', async () => {
    const factory = new AiSdkLlmClientFactory(config);
    await expect(
      factory.create({ model: 'mystery-model', api_key: API_KEY }),
    ).rejects.toMatchObject({ code: 'LLMConfigurationError' });
  });
});
