import type { ProxyTarget, RuntimeTargetResolver } from '@agentrt/runtime-proxy';
import { proxyTargetOf, RuntimeStore } from '@agentrt/runtime-state';
import { Inject, Injectable } from '@nestjs/common';
import { RUNTIME_API_CONFIG, type RuntimeApiConfig } from '../config/runtime-api.config';

/**
 * Tells the runtime proxy where a runtime's agent server is and in which state, straight from
 * Redis on every request, so a pause on any replica answers 503 on the next request.
 */
@Injectable()
export class RuntimeTargetResolverService implements RuntimeTargetResolver {
  constructor(
    private readonly store: RuntimeStore,
    @Inject(RUNTIME_API_CONFIG) private readonly config: RuntimeApiConfig,
  ) {}

  async resolve(runtimeId: string): Promise<ProxyTarget | undefined> {
    return proxyTargetOf(await this.store.get(runtimeId), this.config.AGENT_SERVER_PORT);
  }
}
