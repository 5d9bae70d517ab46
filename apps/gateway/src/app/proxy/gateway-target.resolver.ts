import type { ProxyTarget, RuntimeTargetResolver } from '@agentrt/runtime-proxy';
import { LiveTargets } from '@agentrt/runtime-state';
import { Injectable } from '@nestjs/common';
import { RuntimeResumer } from './runtime-resumer';

/**
 * Tells the gateway's runtime proxy where a runtime is, from runtime-api's records in Redis (no
 * call to runtime-api) through a cache that every record write invalidates (`LiveTargets`), and
 * resumes paused runtimes.
 */
@Injectable()
export class GatewayTargetResolver implements RuntimeTargetResolver {
  constructor(
    private readonly targets: LiveTargets,
    private readonly resumer: RuntimeResumer,
  ) {}

  resolve(runtimeId: string): Promise<ProxyTarget | undefined> {
    return this.targets.get(runtimeId);
  }

  awaitRunning(runtimeId: string, target: ProxyTarget): Promise<ProxyTarget | undefined> {
    return this.resumer.awaitRunning(runtimeId, target);
  }
}
