import { AlexaRequestEnvelopeSchema, AlexaResponseEnvelopeSchema } from '@agentrt/contracts';
import { contractDto, requestIdOf } from '@agentrt/platform';
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AgentResolver } from '../../agents/agent-resolver.service';
import { callerOf } from '../../edge/caller';
import { AlexaSkill } from './alexa-skill.service';

class AlexaRequestDto extends contractDto(AlexaRequestEnvelopeSchema) {}
class AlexaResponseDto extends contractDto(AlexaResponseEnvelopeSchema) {}

/**
 * The Alexa embodiment (gateway.md): an Alexa skill endpoint. The agent comes from the path, or
 * as for any request from `X-AGENT-ID` or the host. Amazon's request signatures are not checked
 * (that needs Amazon's certificate URL); see the README for what protects this route instead.
 */
@ApiTags('embodiment: alexa')
@Controller('alexa')
export class AlexaController {
  constructor(
    private readonly skill: AlexaSkill,
    private readonly agents: AgentResolver,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'An Alexa skill request for the agent named by X-AGENT-ID or the host' })
  @ApiOkResponse({ type: AlexaResponseDto })
  answer(@Req() req: Request, @Res() res: Response, @Body() body: AlexaRequestDto): Promise<void> {
    return this.respond(req, res, body, undefined);
  }

  @Post(':agentId')
  @HttpCode(200)
  @ApiOperation({ summary: 'An Alexa skill request for the agent named in the path' })
  @ApiOkResponse({ type: AlexaResponseDto })
  answerFor(
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: AlexaRequestDto,
    @Param('agentId') agentId: string,
  ): Promise<void> {
    return this.respond(req, res, body, agentId);
  }

  private async respond(
    req: Request,
    res: Response,
    body: AlexaRequestDto,
    agentId: string | undefined,
  ): Promise<void> {
    this.skill.check(body);
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const answer = await this.skill.answer(body, () => this.agents.resolve(req, agentId), {
      caller: callerOf(req),
      requestId: requestIdOf(req),
      signal: gone.signal,
    });
    if (!gone.signal.aborted) res.status(200).json(answer);
  }
}
