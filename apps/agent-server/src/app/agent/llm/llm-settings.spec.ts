import { llmCallSettings } from './llm-settings';

const defaults = {
  timeoutSeconds: 300,
  numRetries: 5,
  retryMinWaitSeconds: 8,
  retryMaxWaitSeconds: 64,
};

describe('llmCallSettings', () => {
  it('uses the server defaults when the conversation sets nothing', () => {
    expect(llmCallSettings({ model: 'm' }, defaults)).toEqual({
      timeoutMs: 300_000,
      retry: { retries: 5, minWaitMs: 8_000, maxWaitMs: 64_000 },
      stream: false,
      temperature: undefined,
      topP: undefined,
      maxOutputTokens: undefined,
    });
  });

  it('takes the OpenHands LLM fields a client sends, bounding retries', () => {
    const llm = {
      model: 'm',
      timeout: 30,
      num_retries: 99,
      retry_min_wait: 0.5,
      retry_max_wait: 2,
      stream: true,
      temperature: 0,
      top_p: 0.9,
      max_output_tokens: 1024,
    };
    expect(llmCallSettings(llm, defaults)).toEqual({
      timeoutMs: 30_000,
      retry: { retries: 10, minWaitMs: 500, maxWaitMs: 2_000 },
      stream: true,
      temperature: 0,
      topP: 0.9,
      maxOutputTokens: 1024,
    });
  });

  it('ignores nulls and nonsense rather than trusting them', () => {
    const llm = { model: 'm', timeout: null, num_retries: -1, temperature: 'hot', top_p: 0 };
    expect(llmCallSettings(llm, defaults)).toMatchObject({
      timeoutMs: 300_000,
      retry: { retries: 5 },
      temperature: undefined,
      topP: undefined,
    });
  });
});
