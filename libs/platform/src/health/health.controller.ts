import { contractDto } from '../http/contract-dto';
import { HealthResponseSchema } from '@agentrt/contracts';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { Public } from '../auth/public.decorator';
import { HealthService } from './health.service';

class HealthResponseDto extends contractDto(HealthResponseSchema) {}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when every dependency is up, 503 otherwise, with the same body either way. */
  @Public()
  @Get('health')
  @ZodResponse({
    status: 200,
    type: HealthResponseDto,
    description: 'All checks up (503 when any is down)',
  })
  async report(@Res({ passthrough: true }) res: Response): Promise<HealthResponseDto> {
    const report = await this.health.report();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
