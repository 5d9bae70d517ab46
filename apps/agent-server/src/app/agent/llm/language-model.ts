import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LlmConfig } from '@agentrt/contracts';
import type { LanguageModel } from 'ai';
import { LlmError } from './llm-error';

type FetchFunction = typeof globalThis.fetch;

/** Known OpenAI-compatible providers (LiteLLM prefixes) and where they answer by default. */
const COMPATIBLE_DEFAULT_URLS: Readonly<Record<string, string | undefined>> = {
  litellm_proxy: undefined,
  hosted_vllm: undefined,
  openai: undefined,
  ollama: 'http://127.0.0.1:11434/v1',
  openrouter: 'https://openrouter.ai/api/v1',
  deepseek: 'https://api.deepseek.com/v1',
  groq: 'https://api.groq.com/openai/v1',
  mistral: 'https://api.mistral.ai/v1',
};

interface Target {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  headers: Record<string, string> | undefined;
  fetch: FetchFunction | undefined;
}

/**
 * The provider library's model for `agent.llm`, following LiteLLM's naming as OpenHands clients
 * use it: `anthropic/...`, `openai/...`, `litellm_proxy/...` (and a few other OpenAI-compatible
 * prefixes), or a bare model name, which goes to `base_url` when one is given.
 */
export function languageModelFor(llm: LlmConfig, fetch?: FetchFunction): LanguageModel {
  const target: Target = {
    apiKey: llm.api_key ?? undefined,
    baseUrl: llm.base_url ?? undefined,
    headers: stringRecord(llm['extra_headers']),
    fetch,
  };
  const slash = llm.model.indexOf('/');
  const prefix = slash > 0 ? llm.model.slice(0, slash) : '';
  const name = slash > 0 ? llm.model.slice(slash + 1) : llm.model;
  if (prefix === 'anthropic') return anthropic(name, target);
  if (prefix === 'openai' && !target.baseUrl) return openAi(name, target);
  if (prefix in COMPATIBLE_DEFAULT_URLS) return compatible(prefix, name, target);
  if (target.baseUrl) return compatible('openai-compatible', llm.model, target);
  if (/^(gpt-|o\d|chatgpt-)/.test(llm.model)) return openAi(llm.model, target);
  if (llm.model.startsWith('claude-')) return anthropic(llm.model, target);
  throw new LlmError(
    'LLMConfigurationError',
    `Cannot tell the provider of model "${llm.model}": use a prefix such as openai/ or ` +
      'anthropic/, or set base_url for an OpenAI-compatible server',
  );
}

function anthropic(model: string, target: Target): LanguageModel {
  // LiteLLM's Anthropic base URL has no /v1; the provider library's does.
  const baseURL = target.baseUrl?.replace(/\/+$/, '').replace(/(?<!\/v1)$/, '/v1');
  return createAnthropic({ ...common(target), baseURL })(model);
}

function openAi(model: string, target: Target): LanguageModel {
  // Chat completions rather than the Responses API: stateless, and what compatible servers speak.
  return createOpenAI({ ...common(target), baseURL: target.baseUrl }).chat(model);
}

function compatible(prefix: string, model: string, target: Target): LanguageModel {
  const baseURL = target.baseUrl ?? COMPATIBLE_DEFAULT_URLS[prefix];
  if (!baseURL)
    throw new LlmError('LLMConfigurationError', `Model prefix "${prefix}/" needs a base_url`);
  const provider = createOpenAICompatible({
    ...common(target),
    name: prefix,
    baseURL: baseURL.replace(/\/+$/, ''),
    includeUsage: true,
  });
  return provider.chatModel(model);
}

function common(target: Target) {
  return { apiKey: target.apiKey, headers: target.headers, fetch: target.fetch };
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string] => {
    return typeof entry[1] === 'string';
  });
  return Object.fromEntries(entries);
}
