import { setTimeout as sleep } from 'node:timers/promises';

/** Checks `condition` every `intervalMs` until it holds or `timeoutMs` passes; true if it held. */
export async function pollUntil(
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  intervalMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(Math.max(1, Math.min(intervalMs, deadline - Date.now())));
  }
}
