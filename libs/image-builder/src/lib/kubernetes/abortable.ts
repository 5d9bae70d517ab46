import { setTimeout as sleep } from 'node:timers/promises';

/** Rejects with the signal's reason once it fires, so no API call can outlive a cancel. */
export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Waits `ms`, or less when the signal fires (then rejects). */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal });
}

/** Waits for `work` at most `ms`; returns whether it finished (its failure counts as finished). */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const finished = work.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([finished, expired]);
  } finally {
    clearTimeout(timer);
  }
}
