import type { ToolSpec } from '@agentrt/contracts';
import { z } from 'zod';
import type { LlmToolSpec } from './llm/llm-client';
import type { AgentTool } from './tools/agent-tool';

/** Tools every agent has, as in the OpenHands SDK, whether or not `agent.tools` names them. */
const BUILT_IN_TOOLS = new Set(['finish', 'think']);

/** The tools a conversation's agent may use: those `agent.tools` names, plus the built-ins. */
export function selectTools(
  available: readonly AgentTool[],
  requested: readonly ToolSpec[],
): AgentTool[] {
  const names = new Set(requested.map((spec) => spec.name));
  return available.filter(
    (tool) =>
      BUILT_IN_TOOLS.has(tool.name) ||
      names.has(tool.name) ||
      tool.aliases.some((alias) => names.has(alias)),
  );
}

/** `agent.tools` names no tool answers to (reported, not fatal: clients send extras). */
export function unknownToolNames(
  available: readonly AgentTool[],
  requested: readonly ToolSpec[],
): string[] {
  const known = new Set(available.flatMap((tool) => [tool.name, ...tool.aliases]));
  return requested.map((spec) => spec.name).filter((name) => !known.has(name));
}

/** A tool as the LLM is told about it: its arguments' JSON schema. */
export function toLlmToolSpec(tool: AgentTool): LlmToolSpec {
  const schema = z.toJSONSchema(tool.parameters, { io: 'input', unrepresentable: 'any' });
  // The dialect marker means nothing to LLM providers; some reject unknown keywords.
  const parameters = Object.fromEntries(
    Object.entries(schema).filter(([key]) => key !== '$schema'),
  );
  return { name: tool.name, description: tool.description, parameters };
}

/** The OpenAI function format, as SystemPromptEvent.tools carries tool definitions. */
export function toFunctionDefinition(spec: LlmToolSpec): Record<string, unknown> {
  return {
    type: 'function',
    function: { name: spec.name, description: spec.description, parameters: spec.parameters },
  };
}
