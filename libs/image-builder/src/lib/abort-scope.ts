export type StopReason = 'timeout' | 'cancelled';

/** One signal for the engine request that fires on the caller's signal or on the deadline. */
export interface AbortScope {
  readonly signal: AbortSignal;
  /** Why the signal fired, if it did. */
  reason(): StopReason | undefined;
  dispose(): void;
}

export function createAbortScope(timeoutMs: number | undefined, outer?: AbortSignal): AbortScope {
  const controller = new AbortController();
  let stopReason: StopReason | undefined;
  const stop = (why: StopReason): void => {
    if (stopReason) return;
    stopReason = why;
    controller.abort(new Error(why));
  };
  const onOuterAbort = (): void => stop('cancelled');
  if (outer?.aborted) stop('cancelled');
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => stop('timeout'), timeoutMs);
  return {
    signal: controller.signal,
    reason: () => stopReason,
    dispose: () => {
      if (timer) clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}
