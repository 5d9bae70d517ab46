import type { LlmConfig } from '@agentrt/contracts';
import type { LlmCallSettings } from './ai-sdk-llm-client';

/** Server-wide defaults for LLM calls; a conversation's `agent.llm` may override them. */
export interface LlmDefaults {
  timeoutSeconds: number;
  numRetries: number;
  retryMinWaitSeconds: number;
  retryMaxWaitSeconds: number;
}

/** However a client asks, one run never retries a call more often than this. */
const MAX_RETRIES = 10;

/**
 * Call settings from the OpenHands `LLM` fields a client may send (`timeout`, `num_retries`,
 * `retry_min_wait`, `retry_max_wait` in seconds; `temperature`, `top_p`, `max_output_tokens`,
 * `stream`), falling back to the server's defaults. Nonsense values are ignored, not trusted.
 */
export function llmCallSettings(llm: LlmConfig, defaults: LlmDefaults): LlmCallSettings {
  const seconds = (key: string, fallback: number) => nonNegative(llm[key]) ?? fallback;
  const minWait = seconds('retry_min_wait', defaults.retryMinWaitSeconds);
  return {
    timeoutMs: 1000 * (positive(llm['timeout']) ?? defaults.timeoutSeconds),
    retry: {
      retries: Math.min(MAX_RETRIES, Math.floor(seconds('num_retries', defaults.numRetries))),
      minWaitMs: 1000 * minWait,
      maxWaitMs: 1000 * Math.max(minWait, seconds('retry_max_wait', defaults.retryMaxWaitSeconds)),
    },
    stream: llm['stream'] === true,
    temperature: nonNegative(llm['temperature']),
    topP: positive(llm['top_p']),
    maxOutputTokens: positive(llm['max_output_tokens']),
  };
}

function nonNegative(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
