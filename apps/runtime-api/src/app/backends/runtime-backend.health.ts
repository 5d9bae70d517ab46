import type { HealthCheck } from '@agentrt/contracts';
import { type HealthIndicator, timedCheck } from '@agentrt/platform';
import { RuntimeManager } from '@agentrt/runtime-backends';
import { Injectable } from '@nestjs/common';

/** `runtime_backend: up` when the configured backend (engine, API server) answers. */
@Injectable()
export class RuntimeBackendHealthIndicator implements HealthIndicator {
  readonly name = 'runtime_backend';

  constructor(private readonly manager: RuntimeManager) {}

  check(): Promise<HealthCheck> {
    return timedCheck(() =>
      Promise.all(this.manager.names().map((name) => this.manager.backend(name).ping())),
    );
  }
}
