import { type AgentDefinition } from '@agentrt/contracts';
import { AgentStore } from '@agentrt/gateway-state';
import { ApiException, requestIdOf } from '@agentrt/platform';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { All, Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AgentResolver } from '../../agents/agent-resolver.service';
import { callerOf } from '../../edge/caller';
import { AgentCalls } from '../agent-calls.service';
import { type AgentToolbox, agentMcpServer } from './agent-mcp-server';
import { checkMcpRequest } from './mcp-precheck';

/**
 * The MCP embodiment (gateway.md): an MCP server over Streamable HTTP, each agent a tool.
 * Stateless (a server and transport per request, no session id): any replica serves any
 * request, and a tool call is one POST answered with JSON when the agent has answered.
 */
@ApiTags('embodiment: mcp')
@Controller('mcp')
export class McpController {
  constructor(
    private readonly store: AgentStore,
    private readonly resolver: AgentResolver,
    private readonly calls: AgentCalls,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'MCP JSON-RPC (Streamable HTTP, stateless): tools/list, tools/call' })
  async handle(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    checkMcpRequest(req, body);
    const server = agentMcpServer(this.toolboxFor(req));
    // The JSON body parser has read the body already; the SDK takes it pre-parsed.
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.once('close', () => void server.close());
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  /** Stateless: no server-initiated stream (GET) and no session to end (DELETE). */
  @All()
  @ApiExcludeEndpoint()
  refuse(@Req() req: Request): never {
    throw new ApiException(
      405,
      `${req.method} /mcp is not supported: this MCP server is stateless; send JSON-RPC with POST`,
      'method_not_allowed',
    );
  }

  private toolboxFor(req: Request): AgentToolbox {
    const caller = callerOf(req);
    const requestId = requestIdOf(req);
    return {
      list: () => this.store.list(),
      find: (id: string) => this.resolver.find({ id }),
      run: (agent: AgentDefinition, input: string, signal: AbortSignal) =>
        this.calls.run(agent, input, { caller, requestId, signal }),
    };
  }
}
