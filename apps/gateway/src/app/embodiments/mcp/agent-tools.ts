import type { AgentDefinition } from '@agentrt/contracts';
import type { RunRecord } from '@agentrt/gateway-state';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { runFailureOf } from '../agent-calls.service';

/** Every agent tool takes one text input: what the agent is asked to do. */
export const AGENT_TOOL_INPUT_SCHEMA: Tool['inputSchema'] = {
  type: 'object',
  properties: {
    input: { type: 'string', minLength: 1, description: 'What to ask the agent, in plain words' },
  },
  required: ['input'],
  additionalProperties: false,
};

/** An agent as an MCP tool, named by its id (its latest version runs). */
export function toolOf(agent: AgentDefinition): Tool {
  return {
    name: agent.id,
    title: agent.name,
    description: `Runs the agent "${agent.name}" (${agent.id}, version ${agent.version}) on the input and returns its answer.`,
    inputSchema: AGENT_TOOL_INPUT_SCHEMA,
  };
}

/** The tool result of an ended run: the answer as text, or `isError` with the reason. */
export function toolResultOf(record: RunRecord): CallToolResult {
  const failure = runFailureOf(record);
  if (failure !== undefined) {
    return {
      isError: true,
      content: [{ type: 'text', text: `${failure} (run ${record.run_id})` }],
    };
  }
  return { content: [{ type: 'text', text: record.output ?? '' }] };
}

/** The `input` argument of a tool call; undefined when it is missing or not a non-empty string. */
export function toolInputOf(args: Record<string, unknown> | undefined): string | undefined {
  const input = args?.['input'];
  return typeof input === 'string' && input.trim().length > 0 ? input : undefined;
}
