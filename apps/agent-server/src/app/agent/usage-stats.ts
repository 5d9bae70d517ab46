import type { LlmUsage } from './llm/llm-client';

/** The usage the SDK reports, kept in ConversationInfo.stats under this key (the agent's LLM). */
const USAGE_ID = 'agent';

interface TokenUsage {
  model: string;
  prompt_tokens: number;
  completion_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  context_window: number;
  per_turn_token: number;
  response_id: string;
}

/**
 * `stats` after one more LLM call, in the OpenHands SDK's ConversationStats shape
 * (`usage_to_metrics.agent` with accumulated token usage). Cost stays 0: prices are unknown here.
 */
export function statsWithUsage(
  stats: Record<string, unknown> | undefined,
  model: string,
  usage: LlmUsage,
  responseId: string,
): Record<string, unknown> {
  const metrics = asRecord(asRecord(stats?.['usage_to_metrics'])[USAGE_ID]);
  const before = asRecord(metrics['accumulated_token_usage']);
  const tokens: TokenUsage = {
    model,
    prompt_tokens: numberOf(before['prompt_tokens']) + usage.inputTokens,
    completion_tokens: numberOf(before['completion_tokens']) + usage.outputTokens,
    cache_read_tokens: numberOf(before['cache_read_tokens']),
    cache_write_tokens: numberOf(before['cache_write_tokens']),
    reasoning_tokens: numberOf(before['reasoning_tokens']),
    context_window: numberOf(before['context_window']),
    per_turn_token: usage.inputTokens + usage.outputTokens,
    response_id: responseId,
  };
  const agent = {
    model_name: model,
    accumulated_cost: numberOf(metrics['accumulated_cost']),
    max_budget_per_task: metrics['max_budget_per_task'] ?? null,
    accumulated_token_usage: tokens,
    costs: [],
    response_latencies: [],
    token_usages: [],
  };
  const usageToMetrics = { ...asRecord(stats?.['usage_to_metrics']), [USAGE_ID]: agent };
  return { ...stats, usage_to_metrics: usageToMetrics };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function numberOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
