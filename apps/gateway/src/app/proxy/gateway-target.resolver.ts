import type { ProxyTarget, RuntimeTargetResolver } from '@agentrt/runtime-proxy';
import { proxyTargetOf, RuntimeStore } from '@agentrt/runtime-state';
import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { RuntimeResumer } from './runtime-resumer';

/**
 * Tells the gateway's runtime proxy where a runtime is, read from runtime-api's records in Redis
 * on every request (no call to runtime-api; no cache, so a pause is seen by the very next
 * request: B4 showed the read is not what limits throughput), and resumes paused runtimes.
 */
@Injectable()
export class GatewayTargetResolver implements RuntimeTargetResolver {
  constructor(
    private readonly store: RuntimeStore,
    private readonly resumer: RuntimeResumer,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async resolve(runtimeId: string): Promise<ProxyTarget | undefined> {
    return proxyTargetOf(await this.store.get(runtimeId), this.config.AGENT_SERVER_PORT);
  }

  awaitRunning(runtimeId: string, target: ProxyTarget): Promise<ProxyTarget | undefined> {
    return this.resumer.awaitRunning(runtimeId, target);
  }
}
