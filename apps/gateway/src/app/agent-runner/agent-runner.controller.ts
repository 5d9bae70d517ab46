import {
  AgentRunListQuerySchema,
  AgentRunListResponseSchema,
  AgentRunRequestSchema,
  AgentRunResponseSchema,
} from '@agentrt/contracts';
import { runView } from '@agentrt/gateway-state';
import { contractDto, requestIdOf } from '@agentrt/platform';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { AgentResolver } from '../agents/agent-resolver.service';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { callerOf } from '../edge/caller';
import { routedApiPath } from '../routing/routed-request';
import { AgentRuns } from './agent-runs.service';
import { RunFollower } from './run-follower.service';
import { runFromMultipart } from './run-upload';
import { openSse, writeSse } from './sse';

class AgentRunRequestDto extends contractDto(AgentRunRequestSchema) {}
class AgentRunResponseDto extends contractDto(AgentRunResponseSchema) {}
class AgentRunListDto extends contractDto(AgentRunListResponseSchema) {}
class AgentRunListQueryDto extends contractDto(AgentRunListQuerySchema) {}

/** A sync run answers a little after its own timeout at the latest (the run is stopped by then). */
const SYNC_GRACE_MS = 15_000;

/**
 * The agent-runner (gateway.md): runs an agent, synchronously or as a run to follow by
 * Server-Sent Events; lists, reads and cancels the caller's runs. Reached through the router,
 * which re-addresses `/api/...` and `/v{N}/api/...` here.
 */
@ApiTags('agent-runner')
@ApiHeader({
  name: 'X-AGENT-ID',
  required: false,
  description: 'The agent, unless the host or path names it',
})
@Controller(routedApiPath('agent-runner'))
export class AgentRunnerController {
  constructor(
    private readonly agents: AgentResolver,
    private readonly runs: AgentRuns,
    private readonly follower: RunFollower,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('runs')
  @ApiOperation({
    summary: 'Run the agent named by X-AGENT-ID or the host (JSON, or multipart with files)',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: AgentRunRequestDto })
  @ApiOkResponse({ type: AgentRunResponseDto, description: 'sync: the ended run' })
  @ApiAcceptedResponse({ type: AgentRunResponseDto, description: 'async: the run to follow' })
  run(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    return this.startRun(req, res, body, undefined);
  }

  @Post('agents/:agentId/runs')
  @ApiOperation({ summary: 'Run the agent named in the path' })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: AgentRunRequestDto })
  @ApiOkResponse({ type: AgentRunResponseDto, description: 'sync: the ended run' })
  @ApiAcceptedResponse({ type: AgentRunResponseDto, description: 'async: the run to follow' })
  runByPath(
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: unknown,
    @Param('agentId') agentId: string,
  ): Promise<void> {
    return this.startRun(req, res, body, agentId);
  }

  @Get('runs')
  @ApiOperation({ summary: "The caller's runs, newest first" })
  @ZodResponse({ status: 200, type: AgentRunListDto })
  async list(@Req() req: Request, @Query() query: AgentRunListQueryDto): Promise<AgentRunListDto> {
    const { runs, total } = await this.runs.list(callerOf(req), query.offset, query.limit);
    return { runs: runs.map(runView), total };
  }

  @Get('runs/:runId')
  @ApiOperation({ summary: 'One run: its status, and its output or error once ended' })
  @ZodResponse({ status: 200, type: AgentRunResponseDto })
  async get(@Req() req: Request, @Param('runId') runId: string): Promise<AgentRunResponseDto> {
    return runView(await this.runs.get(runId, callerOf(req)));
  }

  @Get('runs/:runId/events')
  @ApiOperation({
    summary: "Follow a run: its events and state changes as Server-Sent Events, ending with 'end'",
  })
  @ApiProduces('text/event-stream')
  async events(
    @Req() req: Request,
    @Res() res: Response,
    @Param('runId') runId: string,
  ): Promise<void> {
    await this.runs.get(runId, callerOf(req)); // 404 before the stream starts
    const stop = new AbortController();
    req.once('close', () => stop.abort());
    openSse(res);
    for await (const item of this.follower.follow(runId, stop.signal)) {
      if (item.type === 'event') writeSse(res, 'event', item.event, item.event.id);
      else writeSse(res, 'status', item.run);
    }
    writeSse(res, 'end', { run_id: runId });
    res.end();
  }

  @Post('runs/:runId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an unfinished run; 409 once it has ended' })
  @ZodResponse({ status: 200, type: AgentRunResponseDto })
  async cancel(@Req() req: Request, @Param('runId') runId: string): Promise<AgentRunResponseDto> {
    return runView(await this.runs.cancel(runId, callerOf(req)));
  }

  private async startRun(
    req: Request,
    res: Response,
    body: unknown,
    pathAgentId: string | undefined,
  ): Promise<void> {
    const agent = await this.agents.resolve(req, pathAgentId);
    const { request, attachments } = req.is('multipart/form-data')
      ? await runFromMultipart(req, {
          maxFileBytes: this.config.RUN_MAX_ATTACHMENT_BYTES,
          maxFiles: this.config.RUN_MAX_ATTACHMENTS,
        })
      : { request: AgentRunRequestSchema.parse(body ?? {}), attachments: [] };
    const caller = callerOf(req);
    const started = await this.runs.start(agent, request, {
      caller,
      requestId: requestIdOf(req),
      attachments,
    });
    if (request.mode === 'async') {
      res.status(202).location(`/api/runs/${started.run_id}`).json(runView(started));
      return;
    }
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const ended = await this.runs.waitForEnd(
      started.run_id,
      request.timeout_seconds * 1000 + SYNC_GRACE_MS,
      gone.signal,
    );
    if (!gone.signal.aborted) res.status(ended.finished_at ? 200 : 202).json(runView(ended));
  }
}
