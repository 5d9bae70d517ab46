import type { AgentDefinition } from '@agentrt/contracts';
import type { RunRecord } from '@agentrt/gateway-state';
import { ApiException } from '@agentrt/platform';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { AGENTRT_VERSION } from '@agentrt/platform';
import { toolInputOf, toolOf, toolResultOf } from './agent-tools';

/** What the MCP server needs from the gateway, for one request's caller. */
export interface AgentToolbox {
  /** The latest version of every agent. */
  list(): Promise<AgentDefinition[]>;
  find(id: string): Promise<AgentDefinition>;
  run(agent: AgentDefinition, input: string, signal: AbortSignal): Promise<RunRecord>;
}

/**
 * An MCP server whose tools are the stored agents. The tool list is read from the store on each
 * `tools/list` (agents come and go at any time), hence the SDK's request handlers rather than
 * tools registered once.
 */
export function agentMcpServer(toolbox: AgentToolbox): McpServer {
  const mcp = new McpServer(
    { name: 'agentrt-gateway', version: AGENTRT_VERSION },
    {
      capabilities: { tools: { listChanged: false } },
      instructions:
        'Each tool is an agent: call it with {"input": "..."} to run it and get its answer.',
    },
  );
  mcp.server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: (await toolbox.list()).map(toolOf),
  }));
  mcp.server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const agent = await agentNamed(toolbox, request.params.name);
    const input = toolInputOf(request.params.arguments);
    if (input === undefined) {
      throw new McpError(ErrorCode.InvalidParams, 'arguments.input must be a non-empty string');
    }
    return toolResultOf(await toolbox.run(agent, input, extra.signal));
  });
  return mcp;
}

/** Unknown tools are a protocol error (invalid params), as the MCP spec asks. */
async function agentNamed(toolbox: AgentToolbox, name: string): Promise<AgentDefinition> {
  try {
    return await toolbox.find(name);
  } catch (error) {
    if (error instanceof ApiException && error.getStatus() < 500) {
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${name}": ${error.detail}`);
    }
    throw error;
  }
}
