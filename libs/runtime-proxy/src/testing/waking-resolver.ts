import type { ProxyTarget } from '../proxy-target';
import { MapResolver } from './map-resolver';

/**
 * A MapResolver with the `awaitRunning` hook (as the gateway's): it records each call and holds
 * the request until the test calls `wake`, which stores the runtime's new target and releases
 * every waiting request with it.
 */
export class WakingResolver extends MapResolver {
  readonly awaited: { runtimeId: string; state: ProxyTarget['state'] }[] = [];
  private readonly waiting: (() => void)[] = [];

  awaitRunning(runtimeId: string, target: ProxyTarget): Promise<ProxyTarget | undefined> {
    this.awaited.push({ runtimeId, state: target.state });
    return new Promise((resolve) => this.waiting.push(() => resolve(this.targets.get(runtimeId))));
  }

  /** Sets the runtime's target (undefined removes it) and answers every waiting request. */
  wake(runtimeId: string, target: ProxyTarget | undefined): void {
    if (target) this.targets.set(runtimeId, target);
    else this.targets.delete(runtimeId);
    for (const release of this.waiting.splice(0)) release();
  }
}
