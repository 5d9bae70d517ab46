import { contractDto, namedContractDto } from '@agentrt/platform';
import {
  CaptureCliAgentQuerySchema,
  CliAgentCaptureSchema,
  type CliAgentInfo,
  CliAgentInfoSchema,
  CliAgentListSchema,
  SendKeysToCliAgentRequestSchema,
  SendToCliAgentRequestSchema,
  StartCliAgentRequestSchema,
  SuccessResponseSchema,
} from '@agentrt/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CliAgentsService } from './cli-agents.service';

class StartCliAgentRequestDto extends contractDto(StartCliAgentRequestSchema) {}
class SendToCliAgentRequestDto extends contractDto(SendToCliAgentRequestSchema) {}
class SendKeysToCliAgentRequestDto extends contractDto(SendKeysToCliAgentRequestSchema) {}
class CaptureCliAgentQueryDto extends contractDto(CaptureCliAgentQuerySchema) {}
class CliAgentInfoDto extends contractDto(CliAgentInfoSchema) {}
class CliAgentCaptureDto extends contractDto(CliAgentCaptureSchema) {}
class SuccessResponseDto extends contractDto(SuccessResponseSchema) {}
const CliAgentListDto = namedContractDto(CliAgentListSchema, 'CliAgentListDto');

const SUCCESS = { success: true } as const;

/** AI CLIs in tmux sessions (modelled on tmux-agents); see the README's "CLI agents". */
@ApiTags('cli-agents')
@Controller('api/cli-agents')
export class CliAgentsController {
  constructor(private readonly agents: CliAgentsService) {}

  @Post()
  @ApiOperation({ summary: 'Start a command (argv or command line) in a named tmux session' })
  @ZodResponse({ status: 201, type: CliAgentInfoDto })
  start(@Body() body: StartCliAgentRequestDto): Promise<CliAgentInfoDto> {
    return this.agents.start(body);
  }

  @Get()
  @ApiOperation({ summary: 'List CLI agents, whether each still runs, and how to attach' })
  @ZodResponse({ status: 200, type: CliAgentListDto })
  list(): Promise<CliAgentInfo[]> {
    return this.agents.list();
  }

  @Get(':name')
  @ZodResponse({ status: 200, type: CliAgentInfoDto })
  get(@Param('name') name: string): Promise<CliAgentInfoDto> {
    return this.agents.get(name);
  }

  @Post(':name/send')
  @HttpCode(200)
  @ApiOperation({ summary: 'Type text, then press Enter separately; 409 if not running' })
  @ZodResponse({ status: 200, type: SuccessResponseDto })
  async send(
    @Param('name') name: string,
    @Body() body: SendToCliAgentRequestDto,
  ): Promise<SuccessResponseDto> {
    await this.agents.send(name, body);
    return SUCCESS;
  }

  @Post(':name/keys')
  @HttpCode(200)
  @ApiOperation({ summary: 'Press keys by tmux name (C-c, Escape, Up, ...); 409 if not running' })
  @ZodResponse({ status: 200, type: SuccessResponseDto })
  async keys(
    @Param('name') name: string,
    @Body() body: SendKeysToCliAgentRequestDto,
  ): Promise<SuccessResponseDto> {
    await this.agents.sendKeys(name, body);
    return SUCCESS;
  }

  @Get(':name/capture')
  @ApiOperation({ summary: 'The last lines of the pane, scrollback included' })
  @ZodResponse({ status: 200, type: CliAgentCaptureDto })
  capture(
    @Param('name') name: string,
    @Query() query: CaptureCliAgentQueryDto,
  ): Promise<CliAgentCaptureDto> {
    return this.agents.capture(name, query.lines);
  }

  @Post(':name/restart')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the session if it runs and start the same command again' })
  @ZodResponse({ status: 200, type: CliAgentInfoDto })
  restart(@Param('name') name: string): Promise<CliAgentInfoDto> {
    return this.agents.restart(name);
  }

  @Delete(':name')
  @ZodResponse({ status: 200, type: SuccessResponseDto })
  async remove(@Param('name') name: string): Promise<SuccessResponseDto> {
    await this.agents.remove(name);
    return SUCCESS;
  }
}
