import type { ProxyTarget, RuntimeTargetResolver } from '../proxy-target';

/** A resolver over a Map, recording every `onTraffic` call; `failWith` makes lookups throw. */
export class MapResolver implements RuntimeTargetResolver {
  readonly targets = new Map<string, ProxyTarget>();
  readonly traffic: string[] = [];
  failWith: Error | undefined;

  resolve(runtimeId: string): Promise<ProxyTarget | undefined> {
    if (this.failWith) return Promise.reject(this.failWith);
    return Promise.resolve(this.targets.get(runtimeId));
  }

  onTraffic(runtimeId: string): void {
    this.traffic.push(runtimeId);
  }
}
