import type { HealthCheck } from '@agentrt/contracts';
import { type HealthIndicator, timedCheck } from '@agentrt/platform';
import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';

/** `runtime_api: up` when runtime-api's own `/health` answers 200. */
@Injectable()
export class RuntimeApiHealthIndicator implements HealthIndicator {
  readonly name = 'runtime_api';

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  check(): Promise<HealthCheck> {
    return timedCheck(async () => {
      const response = await fetch(`${this.config.RUNTIME_API_URL}/health`, {
        signal: AbortSignal.timeout(2_000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`runtime-api /health answered ${response.status}`);
    });
  }
}
