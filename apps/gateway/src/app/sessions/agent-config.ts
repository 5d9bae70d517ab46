import type { AgentConfig, AgentDefinition, LlmProvider } from '@agentrt/contracts';

/** LiteLLM-style prefixes the agent server reads to pick the provider (agent-server.md). */
const MODEL_PREFIX: Readonly<Record<LlmProvider, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  'openai-compatible': 'litellm_proxy',
};

/** The agent-server `agent` of a stored definition, with its LLM key filled in. */
export function agentConfigOf(agent: AgentDefinition, apiKey: string | undefined): AgentConfig {
  const { provider, model, base_url } = agent.llm;
  return {
    llm: {
      model: `${MODEL_PREFIX[provider]}/${model}`,
      ...(apiKey === undefined ? {} : { api_key: apiKey }),
      ...(base_url === undefined ? {} : { base_url }),
    },
    tools: agent.tools,
    ...(agent.system_prompt
      ? { agent_context: { system_message_suffix: agent.system_prompt } }
      : {}),
  };
}
