import { randomBytes } from 'node:crypto';
import type {
  AgentDefinition,
  ChatCompletion,
  ChatCompletionChunk,
  ChatFinishReason,
  OpenAiModel,
  OpenAiModelList,
} from '@agentrt/contracts';
import { compareVersions } from '@agentrt/gateway-state';

/** What every object of one answer shares: OpenAI gives a completion's chunks one id. */
export interface CompletionHeader {
  id: string;
  created: number;
  model: string;
}

export function completionHeader(model: string, now = Date.now()): CompletionHeader {
  return { id: `chatcmpl-${randomBytes(12).toString('hex')}`, created: seconds(now), model };
}

/**
 * A non-streamed answer. `usage` is left out: the agent's LLM calls are not metered here, and
 * made-up token counts would mislead billing and context-window logic in clients.
 */
export function completionOf(header: CompletionHeader, content: string): ChatCompletion {
  return {
    ...header,
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
  };
}

/** One streamed chunk: the role first, then content, then an empty delta with the reason. */
export function chunkOf(
  header: CompletionHeader,
  delta: ChatCompletionChunk['choices'][number]['delta'],
  finishReason: ChatFinishReason | null = null,
): ChatCompletionChunk {
  return {
    ...header,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  };
}

/**
 * `GET /v1/models`: every version of every agent as `<id>@<version>`, and `<id>` alone for its
 * latest version (what a bare `<id>` model runs). `agents` holds all versions, any order.
 */
export function modelListOf(agents: readonly AgentDefinition[]): OpenAiModelList {
  const latest = new Map<string, AgentDefinition>();
  for (const agent of agents) {
    const known = latest.get(agent.id);
    if (!known || compareVersions(agent.version, known.version) > 0) latest.set(agent.id, agent);
  }
  const versioned = agents.map((agent) => modelOf(`${agent.id}@${agent.version}`, agent));
  const bare = [...latest.values()].map((agent) => modelOf(agent.id, agent));
  const data = [...bare, ...versioned].sort((a, b) => a.id.localeCompare(b.id));
  return { object: 'list', data };
}

function modelOf(id: string, agent: AgentDefinition): OpenAiModel {
  const created = agent.created_at ? Date.parse(agent.created_at) : 0;
  return { id, object: 'model', created: seconds(created), owned_by: 'agentrt' };
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}
