import {
  ResumeRequestSchema,
  RuntimeIdRequestSchema,
  RuntimeListResponseSchema,
  RuntimeLookupResponseSchema,
  RuntimeSchema,
  SessionsBatchQuerySchema,
  SessionsBatchResponseSchema,
  StartRequestSchema,
} from '@agentrt/contracts';
import { ApiException, ApiKeyId, contractDto, namedContractDto } from '@agentrt/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { RuntimeLifecycle } from './runtime-lifecycle.service';
import { RuntimeQueries } from './runtime-query.service';

class StartRequestDto extends contractDto(StartRequestSchema) {}
class RuntimeIdRequestDto extends contractDto(RuntimeIdRequestSchema) {}
class ResumeRequestDto extends contractDto(ResumeRequestSchema) {}
class SessionsBatchQueryDto extends contractDto(SessionsBatchQuerySchema) {}
class RuntimeDto extends contractDto(RuntimeSchema) {}
class RuntimeListDto extends contractDto(RuntimeListResponseSchema) {}
const RuntimeLookupDto = namedContractDto(RuntimeLookupResponseSchema, 'RuntimeLookupDto');
const SessionsBatchDto = namedContractDto(SessionsBatchResponseSchema, 'SessionsBatchDto');

/** The OpenHands Runtime API's runtime routes (runtime-api.md, Endpoints). */
@ApiTags('runtimes')
@ApiSecurity('api-key')
@Controller()
export class RuntimesController {
  constructor(
    private readonly lifecycle: RuntimeLifecycle,
    private readonly queries: RuntimeQueries,
  ) {}

  @Post('start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start a runtime, or return the live runtime of session_id' })
  @ZodResponse({ status: 200, type: RuntimeDto })
  async start(@Body() body: StartRequestDto, @ApiKeyId() owner: string): Promise<RuntimeDto> {
    return this.queries.view(await this.lifecycle.start(body, owner));
  }

  @Post('stop')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop a runtime and free everything it held' })
  @ZodResponse({ status: 200, type: RuntimeDto })
  async stop(@Body() body: RuntimeIdRequestDto): Promise<RuntimeDto> {
    return this.queries.view(await this.lifecycle.stop(body.runtime_id));
  }

  @Post('pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause a runtime; its workspace and session key survive' })
  @ZodResponse({ status: 200, type: RuntimeDto })
  async pause(@Body() body: RuntimeIdRequestDto): Promise<RuntimeDto> {
    return this.queries.view(await this.lifecycle.pause(body.runtime_id));
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused runtime with the same session key' })
  @ZodResponse({ status: 200, type: RuntimeDto })
  async resume(@Body() body: ResumeRequestDto): Promise<RuntimeDto> {
    return this.queries.view(await this.lifecycle.resume(body.runtime_id, body.rotate_session_key));
  }

  @Get('list')
  @ZodResponse({ status: 200, type: RuntimeListDto })
  async list(): Promise<RuntimeListDto> {
    const runtimes = await this.queries.list();
    return { runtimes, total: runtimes.length };
  }

  // Declared before sessions/:session_id so "batch" is not taken for a session id.
  @Get('sessions/batch')
  @ApiOperation({ summary: 'Runtimes of several sessions (ids=a&ids=b or ids=a,b)' })
  @ZodResponse({ status: 200, type: SessionsBatchDto })
  batch(@Query() query: SessionsBatchQueryDto) {
    return this.queries.batch(query.ids);
  }

  @Get('sessions/:session_id')
  @ZodResponse({
    status: 200,
    type: RuntimeDto,
    description: '404 when the session has no runtime',
  })
  async session(@Param('session_id') sessionId: string): Promise<RuntimeDto> {
    const runtime = await this.queries.bySession(sessionId);
    if (!runtime) {
      throw new ApiException(404, `session ${sessionId} has no runtime`, 'not_found');
    }
    return runtime;
  }

  @Get('runtime/:runtime_id')
  @ApiOperation({ summary: 'A runtime; an unknown id answers 200 with pod_status "not found"' })
  @ZodResponse({ status: 200, type: RuntimeLookupDto })
  lookup(@Param('runtime_id') runtimeId: string) {
    return this.queries.lookup(runtimeId);
  }
}
