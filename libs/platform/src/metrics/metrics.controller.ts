import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { Metrics } from './metrics';

/** `GET /metrics` for Prometheus: public like /health (counts only, no ids), not in the API docs. */
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Public()
  @Get('metrics')
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const text = await this.metrics.exposition();
    res.setHeader('content-type', this.metrics.contentType);
    return text;
  }
}
