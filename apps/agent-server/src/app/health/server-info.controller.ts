import { AGENTRT_VERSION, ApiException, contractDto } from '@agentrt/platform';
import { AliveResponseSchema, ServerInfoSchema } from '@agentrt/contracts';
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { ActivityTracker } from './activity-tracker';
import { Readiness } from './readiness';

class AliveResponseDto extends contractDto(AliveResponseSchema) {}
class ServerInfoDto extends contractDto(ServerInfoSchema) {}

/** The OpenHands agent server's public liveness, readiness and info routes. */
@ApiTags('server')
@Controller()
export class ServerInfoController {
  private readonly startedAt = performance.now();

  constructor(
    private readonly activity: ActivityTracker,
    private readonly readiness: Readiness,
  ) {}

  @Get('alive')
  @ZodResponse({ status: 200, type: AliveResponseDto })
  alive(): AliveResponseDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ZodResponse({ status: 200, type: AliveResponseDto, description: '503 until started' })
  ready(): AliveResponseDto {
    if (!this.readiness.ready)
      throw new ApiException(503, `Not ready: ${this.readiness.reason}`, 'service_unavailable');
    return { status: 'ok' };
  }

  @Get('server_info')
  @ZodResponse({ status: 200, type: ServerInfoDto })
  serverInfo(): ServerInfoDto {
    return {
      uptime: Math.round((performance.now() - this.startedAt) / 1000),
      idle_time: this.activity.idleSeconds(),
      version: AGENTRT_VERSION,
    };
  }
}
