import { DiagnosticPingRequestSchema, DiagnosticPingResponseSchema } from '@agentrt/contracts';
import { RequestId, contractDto } from '@agentrt/platform';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { DiagnosticsService } from './diagnostics.service';

class DiagnosticPingRequestDto extends contractDto(DiagnosticPingRequestSchema) {}
class DiagnosticPingResponseDto extends contractDto(DiagnosticPingResponseSchema) {}

@ApiTags('diagnostics (ext)')
@Controller('diagnostics')
export class DiagnosticsController {
  constructor(private readonly diagnostics: DiagnosticsService) {}

  @Post('queue')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Round trip a job through BullMQ to build-service (504 if no worker answers)',
  })
  @ZodResponse({ status: 200, type: DiagnosticPingResponseDto })
  pingQueue(
    @Body() body: DiagnosticPingRequestDto,
    @RequestId() requestId: string,
  ): Promise<DiagnosticPingResponseDto> {
    return this.diagnostics.pingQueue(body, requestId);
  }
}
