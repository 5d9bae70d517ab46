import { z } from 'zod';
import { CondenserConfigSchema } from './condensation-events';

/**
 * `agent.llm`: which model to call and how. `model` may carry a provider prefix
 * (`anthropic/claude-...`, `openai/gpt-...`); `base_url` points at any OpenAI-compatible
 * server (Ollama, vLLM). The SDK sends many more tuning fields (and `null` for unset ones),
 * which are kept.
 */
export const LlmConfigSchema = z
  .looseObject({
    model: z.string().min(1),
    api_key: z.string().nullish(),
    base_url: z.url().nullish(),
  })
  .meta({ id: 'LlmConfig' });
export type LlmConfig = z.infer<typeof LlmConfigSchema>;

/** One tool the agent may use, by registered name (e.g. `TerminalTool`), with its options. */
export const ToolSpecSchema = z.looseObject({
  name: z.string().min(1),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type ToolSpec = z.infer<typeof ToolSpecSchema>;

/** `agent` of a conversation: its LLM and tools. The SDK adds `kind: "Agent"` and more. */
export const AgentConfigSchema = z
  .looseObject({
    llm: LlmConfigSchema,
    tools: z.array(ToolSpecSchema).default([]),
    condenser: CondenserConfigSchema.nullish(),
    /** OpenHands' AgentContext; `system_message_suffix` is appended to the system prompt. */
    agent_context: z
      .looseObject({ system_message_suffix: z.string().nullish() })
      .nullish()
      .meta({ id: 'AgentContext' }),
  })
  .meta({ id: 'AgentConfig' });
export type AgentConfig = z.infer<typeof AgentConfigSchema>;

/**
 * `workspace` of a conversation: the directory the agent works in. Clients also send
 * `type: "local"` (TypeScript client) or `kind: "LocalWorkspace"` (Python SDK).
 */
export const WorkspaceSchema = z.looseObject({
  working_dir: z.string().min(1),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;
