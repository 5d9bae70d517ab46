import type { ReadinessProbe } from '../runtime-backend';
import type { Clock } from './docker-options';

// Readiness is on the path of every cold start: probe often (a refused connection costs
// microseconds), but ask the engine whether the container died only every few probes.
const POLL_INTERVAL_MS = 50;
const EXIT_CHECK_INTERVAL_MS = 250;
const REQUEST_TIMEOUT_MS = 1_000;

/** Why a readiness wait ended without success. */
export type NotReadyReason = { kind: 'timeout'; lastError: string } | { kind: 'exited' };

/**
 * Polls `GET baseUrl + probe.path` until it answers 2xx (undefined), the container stops running,
 * or `probe.timeoutMs` passes (the reason).
 */
export async function waitUntilReady(
  baseUrl: string,
  probe: ReadinessProbe,
  isRunning: () => Promise<boolean>,
  clock: Clock,
): Promise<NotReadyReason | undefined> {
  const deadline = clock.now() + probe.timeoutMs;
  let lastError = 'no answer yet';
  let lastExitCheck = -Infinity;
  while (clock.now() < deadline) {
    const answer = await probeOnce(`${baseUrl}${probe.path}`);
    if (answer === undefined) return undefined;
    lastError = answer;
    if (clock.now() - lastExitCheck >= EXIT_CHECK_INTERVAL_MS) {
      lastExitCheck = clock.now();
      if (!(await isRunning())) return { kind: 'exited' };
    }
    await clock.sleep(POLL_INTERVAL_MS);
  }
  return { kind: 'timeout', lastError };
}

/** undefined when the probe answered 2xx, otherwise what went wrong. */
async function probeOnce(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok ? undefined : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
