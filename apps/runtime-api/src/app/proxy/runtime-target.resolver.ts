import type { ProxyTarget, RuntimeTargetResolver } from '@agentrt/runtime-proxy';
import { LiveTargets } from '@agentrt/runtime-state';
import { Injectable } from '@nestjs/common';

/**
 * Tells the runtime proxy where a runtime's agent server is and in which state, from the records
 * in Redis through a cache that every record write invalidates (`LiveTargets`), so a pause on any
 * replica answers 503 as soon as its write is announced.
 */
@Injectable()
export class RuntimeTargetResolverService implements RuntimeTargetResolver {
  constructor(private readonly targets: LiveTargets) {}

  resolve(runtimeId: string): Promise<ProxyTarget | undefined> {
    return this.targets.get(runtimeId);
  }
}
