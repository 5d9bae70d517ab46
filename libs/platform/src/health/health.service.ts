import type { HealthCheck, HealthResponse } from '@agentrt/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { AGENTRT_VERSION } from '../version';
import {
  HEALTH_DETAILS,
  HEALTH_INDICATORS,
  HEALTH_SERVICE_NAME,
  type HealthIndicator,
} from './health-indicator';

@Injectable()
export class HealthService {
  constructor(
    @Inject(HEALTH_SERVICE_NAME) private readonly service: string,
    @Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[],
    @Inject(HEALTH_DETAILS) private readonly details: Record<string, unknown>,
  ) {}

  /** All checks run in parallel; the app is `ok` only when every one is `up`. */
  async report(): Promise<HealthResponse> {
    const results = await Promise.all(
      this.indicators.map(async (indicator) => [indicator.name, await indicator.check()] as const),
    );
    const checks: Record<string, HealthCheck> = Object.fromEntries(results);
    const healthy = results.every(([, check]) => check.status === 'up');
    return {
      ...this.details,
      status: healthy ? 'ok' : 'error',
      service: this.service,
      version: AGENTRT_VERSION,
      uptime_seconds: Math.round(process.uptime()),
      checks,
    };
  }
}
