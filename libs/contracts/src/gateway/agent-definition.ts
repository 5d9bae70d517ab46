import { z } from 'zod';
import { ToolSpecSchema } from '../agent-server/agent-config';
import { isoTimestamp } from '../common/lenient-input';
import { ResourceFactorSchema } from '../runtime-api/resource-factor';

/**
 * An agent id. It is also a host label (`<agent-id>.<AGENT_DOMAIN>`) and part of OpenAI model
 * names (`<agent-id>@<version>`), hence DNS-label rules.
 */
export const AgentIdSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, {
  error:
    'agent id must be 1-63 lowercase letters, digits or hyphens, not starting or ending with "-"',
});
export type AgentId = z.infer<typeof AgentIdSchema>;

/** An agent version, `X`, `X.Y` or `X.Y.Z`, as in `/vX.Y/api/...` and `X-AGENT-VERSION`. */
export const AgentVersionSchema = z.string().regex(/^\d+(?:\.\d+){0,2}$/, {
  error: 'version must look like 1, 1.2 or 1.2.3',
});
export type AgentVersion = z.infer<typeof AgentVersionSchema>;

/** LLM providers an agent can name; `openai-compatible` covers Ollama, vLLM and the like. */
export const LlmProviderSchema = z.enum(['openai', 'anthropic', 'openai-compatible']);
export type LlmProvider = z.infer<typeof LlmProviderSchema>;

/**
 * An agent's LLM settings. Strict: the definition is stored, and a raw `api_key` must never end
 * up in storage, so only `api_key_ref` (the name of a stored secret) is accepted.
 */
export const AgentLlmSettingsSchema = z
  .strictObject({
    provider: LlmProviderSchema,
    model: z.string().min(1),
    api_key_ref: z.string().min(1).optional(),
    base_url: z.url().optional(),
  })
  .refine((llm) => llm.provider !== 'openai-compatible' || llm.base_url !== undefined, {
    error: 'base_url is required for an openai-compatible provider',
    path: ['base_url'],
  });
export type AgentLlmSettings = z.infer<typeof AgentLlmSettingsSchema>;

/** A stored agent definition: what the agent-runner needs to start a run of this agent. */
export const AgentDefinitionSchema = z
  .object({
    id: AgentIdSchema,
    name: z.string().trim().min(1),
    version: AgentVersionSchema,
    llm: AgentLlmSettingsSchema,
    system_prompt: z.string().optional(),
    tools: z.array(ToolSpecSchema).default([]),
    /** Image of the runtime the agent runs in (warm pools are matched on it). */
    runtime_image: z.string().min(1),
    resource_factor: ResourceFactorSchema.default(1),
    created_at: isoTimestamp().optional(),
    updated_at: isoTimestamp().optional(),
  })
  .meta({ id: 'AgentDefinition' });
export type AgentDefinition = z.infer<typeof AgentDefinitionSchema>;

/**
 * `model` of the OpenAI-compatible embodiment: `<agent-id>` or `<agent-id>@<version>`, parsed
 * into its parts.
 */
export const AgentModelRefSchema = z
  .string()
  .transform((model) => {
    const at = model.indexOf('@');
    return at < 0
      ? { agent_id: model, version: undefined }
      : { agent_id: model.slice(0, at), version: model.slice(at + 1) };
  })
  .pipe(z.object({ agent_id: AgentIdSchema, version: AgentVersionSchema.optional() }));
export type AgentModelRef = z.infer<typeof AgentModelRefSchema>;

/** Admin API: `GET /agents` (latest version of each) and `GET /agents/{id}/versions`. */
export const AgentListResponseSchema = z
  .object({ agents: z.array(AgentDefinitionSchema) })
  .meta({ id: 'AgentListResponse' });
export type AgentListResponse = z.infer<typeof AgentListResponseSchema>;
