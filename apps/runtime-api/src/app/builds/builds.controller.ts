import type { Request, Response } from 'express';
import {
  BuildCancelRequestSchema,
  BuildJsonRequestSchema,
  BuildLogsQuerySchema,
  BuildResponseSchema,
  BuildStatusQuerySchema,
  BuildStatusResponseSchema,
} from '@agentrt/contracts';
import { ApiException, ApiKeyId, contractDto, namedContractDto } from '@agentrt/platform';
import { Body, Controller, Inject, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { BuildControlService } from './build-control.service';
import { BuildIntakeService } from './build-intake.service';
import { streamBuildLog } from './build-log-stream';
import { uploadFromJson, uploadFromMultipart } from './build-upload';
import { RUNTIME_API_CONFIG, type RuntimeApiConfig } from '../config/runtime-api.config';

class BuildResponseDto extends contractDto(BuildResponseSchema) {}
class BuildStatusQueryDto extends contractDto(BuildStatusQuerySchema) {}
class BuildLogsQueryDto extends contractDto(BuildLogsQuerySchema) {}
class BuildCancelRequestDto extends contractDto(BuildCancelRequestSchema) {}
class BuildJsonRequestDto extends contractDto(BuildJsonRequestSchema) {}
const BuildStatusDto = namedContractDto(BuildStatusResponseSchema, 'BuildStatusDto');

/** Image builds (builds.md): upload a context, follow the build, cancel it. */
@ApiTags('builds')
@ApiSecurity('api-key')
@Controller()
export class BuildsController {
  constructor(
    private readonly intake: BuildIntakeService,
    private readonly control: BuildControlService,
    @Inject(RUNTIME_API_CONFIG) private readonly config: RuntimeApiConfig,
  ) {}

  @Post('build')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Queue a build of a tar.gz context (multipart or JSON); identical builds hit the cache',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: BuildJsonRequestDto })
  @ZodResponse({
    status: 200,
    type: BuildResponseDto,
    description:
      '400/413 for a refused context (naming the problem); 429 when the key has too many unfinished builds',
  })
  async build(@Req() req: Request, @ApiKeyId() owner: string): Promise<BuildResponseDto> {
    if (req.is('multipart/form-data')) {
      return this.intake.submit(
        await uploadFromMultipart(req, this.config.BUILD_MAX_CONTEXT_BYTES),
        owner,
      );
    }
    if (!req.is('application/json')) throw unsupportedBody(req);
    return this.intake.submit(uploadFromJson(req.body), owner);
  }

  @Get('build_status')
  @ApiOperation({ summary: 'Status of a build; `image` on SUCCESS, `error` on a failure' })
  @ZodResponse({ status: 200, type: BuildStatusDto, description: '404 for an unknown build' })
  status(@Query() query: BuildStatusQueryDto, @ApiKeyId() owner: string) {
    return this.control.status(query.build_id, owner);
  }

  @Post('build_cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a queued or running build' })
  @ZodResponse({ status: 200, type: BuildStatusDto, description: '409 when it already ended' })
  cancel(@Body() body: BuildCancelRequestDto, @ApiKeyId() owner: string) {
    return this.control.cancel(body.build_id, owner);
  }

  @Get('build_logs')
  @ApiOperation({
    summary:
      'The build log as text lines (or Server-Sent Events); `follow=true` streams until it ends',
  })
  @ApiProduces('text/plain', 'text/event-stream')
  async logs(
    @Query() query: BuildLogsQueryDto,
    @ApiKeyId() owner: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.control.find(query.build_id, owner);
    await streamBuildLog(this.control.logs, req, res, {
      buildId: query.build_id,
      follow: query.follow,
      sse: (req.headers.accept ?? '').includes('text/event-stream'),
      status: async () =>
        (await this.control.find(query.build_id, owner).catch(() => undefined))?.status,
    });
  }
}

function unsupportedBody(req: Request): ApiException {
  return new ApiException(
    415,
    `Expected application/json or multipart/form-data, got ${req.headers['content-type'] ?? 'no content type'}`,
  );
}
