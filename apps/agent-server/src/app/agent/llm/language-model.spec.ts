import { languageModelFor } from './language-model';
import { LlmError } from './llm-error';

const describeModel = (llm: { model: string; base_url?: string }) => {
  const model = languageModelFor({ api_key: 'k', ...llm }) as { provider: string; modelId: string };
  return [model.provider, model.modelId];
};

describe('languageModelFor', () => {
  it('maps LiteLLM-style provider prefixes to the matching provider', () => {
    expect(describeModel({ model: 'anthropic/claude-sonnet-4-5' })).toEqual([
      'anthropic.messages',
      'claude-sonnet-4-5',
    ]);
    expect(describeModel({ model: 'openai/gpt-4o' })).toEqual(['openai.chat', 'gpt-4o']);
    expect(describeModel({ model: 'openrouter/anthropic/claude-3' })).toEqual([
      'openrouter.chat',
      'anthropic/claude-3',
    ]);
  });

  it('sends prefixed and bare models with a base_url to that OpenAI-compatible server', () => {
    const base_url = 'http://127.0.0.1:11434/v1';
    expect(describeModel({ model: 'litellm_proxy/my-model', base_url })).toEqual([
      'litellm_proxy.chat',
      'my-model',
    ]);
    expect(describeModel({ model: 'openai/qwen2.5', base_url })).toEqual([
      'openai.chat',
      'qwen2.5',
    ]);
    expect(describeModel({ model: 'meta-llama/Llama-3-8B', base_url })).toEqual([
      'openai-compatible.chat',
      'meta-llama/Llama-3-8B',
    ]);
  });

  it('infers the provider of well-known bare model names', () => {
    expect(describeModel({ model: 'gpt-4o-mini' })).toEqual(['openai.chat', 'gpt-4o-mini']);
    expect(describeModel({ model: 'claude-opus-4-1' })).toEqual([
      'anthropic.messages',
      'claude-opus-4-1',
    ]);
  });

  it('refuses models whose provider it cannot tell, and proxies without a base_url', () => {
    expect(() => describeModel({ model: 'mystery-model' })).toThrow(LlmError);
    expect(() => describeModel({ model: 'litellm_proxy/x' })).toThrow(/needs a base_url/);
  });
});
