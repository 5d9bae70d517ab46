import {
  AgentRunRequestSchema,
  DebugInjectRequestSchema,
  DebugRunStateSchema,
  DEBUG_HEADERS,
} from '@agentrt/contracts';
import { contractDto, requestIdOf } from '@agentrt/platform';
import { All, Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AgentResolver } from '../agents/agent-resolver.service';
import { callerOf } from '../edge/caller';
import { routedApiPath } from '../routing/routed-request';
import { type DebugCommand, debugCommandOf } from './debug-command';
import { DebugMonitor } from './debug-monitor';
import { type DebugContext, DebugRuns } from './debug-runs.service';

class DebugRunStateDto extends contractDto(DebugRunStateSchema) {}

/**
 * The debugger (gateway.md): every `/api/...` request the router sends here, whatever its path,
 * does what its one debug header says (apps/gateway/README.md, "Debugger"). Only the path form
 * `/api/agents/{id}/...` matters: it names the agent of a new debug run.
 */
@ApiTags('debugger')
@Controller(routedApiPath('debugger'))
export class DebuggerController {
  constructor(
    private readonly agents: AgentResolver,
    private readonly runs: DebugRuns,
    private readonly monitor: DebugMonitor,
  ) {}

  @All('{*path}')
  @ApiOperation({ summary: 'Start, step, read, inject into, skip in, stop or monitor debug runs' })
  @ApiHeader({ name: DEBUG_HEADERS.join(' | '), required: false, description: 'exactly one' })
  @ApiOkResponse({ type: DebugRunStateDto })
  async handle(
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: unknown,
    @Param('path') path: string[] | undefined,
  ): Promise<void> {
    const command = debugCommandOf(req.headers, req.method);
    const context: DebugContext = { caller: callerOf(req), requestId: requestIdOf(req) };
    if (command.kind === 'monitor') return this.watch(req, res, command.runIds, context);
    if (command.kind === 'start') {
      const agent = await this.agents.resolve(req, agentIdOfPath(path ?? []));
      const request = AgentRunRequestSchema.parse(body ?? {});
      res.status(201).json(await this.runs.start(agent, request, context));
      return;
    }
    res.status(200).json(await this.run(command, body, context));
  }

  private run(
    command: Extract<DebugCommand, { runId: string }>,
    body: unknown,
    context: DebugContext,
  ) {
    const { runId } = command;
    switch (command.kind) {
      case 'read':
        return this.runs.read(runId, context.caller, context.requestId);
      case 'step':
        return this.runs.resolvePending(runId, context, { accept: true });
      case 'skip':
        return this.runs.resolvePending(runId, context, { accept: false });
      case 'inject':
        return this.runs.inject(runId, context, DebugInjectRequestSchema.parse(body ?? {}));
      case 'stop':
        return this.runs.stop(runId, context);
    }
  }

  private async watch(
    req: Request,
    res: Response,
    runIds: string[],
    context: DebugContext,
  ): Promise<void> {
    await this.monitor.check(runIds, context.caller);
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    await this.monitor.stream(runIds, res, gone.signal);
  }
}

/** `agents/{id}/...` in the path names the agent, as in the agent-runner's path form. */
function agentIdOfPath(path: readonly string[]): string | undefined {
  return path[0] === 'agents' && path[1] ? path[1] : undefined;
}
