import { contractDto, namedContractDto } from '@agentrt/platform';
import {
  type BashEvent,
  BashCommandSchema,
  BashEventPageSchema,
  BashEventSchema,
  BashEventSearchQuerySchema,
  BashOutputSchema,
  StartBashCommandRequestSchema,
} from '@agentrt/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { BashService } from './bash.service';

class StartBashCommandRequestDto extends contractDto(StartBashCommandRequestSchema) {}
class BashEventSearchQueryDto extends contractDto(BashEventSearchQuerySchema) {}
class BashEventPageDto extends contractDto(BashEventPageSchema) {}
class BashCommandDto extends contractDto(BashCommandSchema) {}
class BashOutputDto extends contractDto(BashOutputSchema) {}
// A union cannot be a class to extend; the DTO value still documents the response.
const BashEventDto = namedContractDto(BashEventSchema, 'BashEventDto');

/** The OpenHands `/api/bash` routes: one-off commands outside any conversation. */
@ApiTags('bash')
@Controller('api/bash')
export class BashController {
  constructor(private readonly bash: BashService) {}

  @Post('start_bash_command')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start a command in the background; its output comes as events' })
  @ZodResponse({ status: 200, type: BashCommandDto })
  start(@Body() body: StartBashCommandRequestDto): Promise<BashCommandDto> {
    return this.bash.start(body);
  }

  @Post('execute_bash_command')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a command to its end; answers its final output, all text joined' })
  @ZodResponse({ status: 200, type: BashOutputDto })
  execute(@Body() body: StartBashCommandRequestDto): Promise<BashOutputDto> {
    return this.bash.execute(body);
  }

  @Get('bash_events/search')
  @ZodResponse({ status: 200, type: BashEventPageDto })
  search(@Query() query: BashEventSearchQueryDto): BashEventPageDto {
    return this.bash.search(query);
  }

  @Get('bash_events/:event_id')
  @ZodResponse({ status: 200, type: BashEventDto, description: '404 if unknown or dropped' })
  get(@Param('event_id') id: string): BashEvent {
    return this.bash.event(id);
  }
}
