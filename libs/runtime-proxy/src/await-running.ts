import type { ProxyTarget, RuntimeTargetResolver } from './proxy-target';

/** Default bound on one request's wait for a paused or starting runtime. */
export const DEFAULT_AWAIT_RUNNING_TIMEOUT_MS = 60_000;

export const TIMED_OUT = Symbol('timed out');

/** True when the resolver can make this runtime usable by waiting (paused or starting). */
export function canAwait(resolver: RuntimeTargetResolver, target: ProxyTarget): boolean {
  return (
    resolver.awaitRunning !== undefined &&
    (target.state === 'paused' || target.state === 'starting')
  );
}

/**
 * Asks the resolver to bring the runtime to `running` and waits at most `timeoutMs`. The
 * resolver's own work goes on after a timeout (other requests may share it); only this request
 * stops waiting.
 */
export async function awaitRunning(
  resolver: RuntimeTargetResolver,
  runtimeId: string,
  target: ProxyTarget,
  timeoutMs: number,
): Promise<ProxyTarget | undefined | typeof TIMED_OUT> {
  if (!resolver.awaitRunning) return target;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  try {
    return await Promise.race([resolver.awaitRunning(runtimeId, target), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
