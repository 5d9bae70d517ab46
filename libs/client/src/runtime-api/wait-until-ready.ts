import { setTimeout as sleep } from 'node:timers/promises';
import { isFatalPodStatus, type Runtime } from '@agentrt/contracts';
import { ApiCallError } from '../http/api-call-error';

export interface ReadyOptions {
  timeoutMs: number;
  pollMs?: number;
  signal?: AbortSignal;
  /** Told each time the runtime's `status` or `pod_status` changes (and once at the start). */
  onProgress?: (runtime: Runtime) => void;
}

/**
 * Polls with `lookup` until `running` + `pod_status=ready`, the way OpenHands clients do; a
 * failed pod or `error`/`stopped` status ends the wait at once with the reason.
 */
export async function waitUntilReady(
  runtime: Runtime,
  lookup: (runtimeId: string) => Promise<Runtime>,
  options: ReadyOptions,
): Promise<Runtime> {
  const deadline = Date.now() + options.timeoutMs;
  let current = runtime;
  let seen = '';
  // Bounded by the deadline (and the signal).
  for (;;) {
    const state = `${current.status}/${current.pod_status}`;
    if (state !== seen) options.onProgress?.(current);
    seen = state;
    if (current.status === 'running' && current.pod_status === 'ready') return current;
    if (
      current.status === 'error' ||
      current.status === 'stopped' ||
      isFatalPodStatus(current.pod_status)
    ) {
      throw notReady(
        current,
        `runtime ${current.runtime_id} is ${current.status} (${current.pod_status})`,
      );
    }
    if (Date.now() >= deadline || options.signal?.aborted) {
      throw notReady(
        current,
        `runtime ${current.runtime_id} not ready after ${options.timeoutMs} ms`,
      );
    }
    const pollMs = Math.min(options.pollMs ?? 200, Math.max(deadline - Date.now(), 0));
    // An abort ends the pause; the check above then says why the wait ended.
    const aborted = await sleep(pollMs, false, { signal: options.signal }).catch(() => true);
    if (!aborted) current = await lookup(current.runtime_id);
  }
}

function notReady(runtime: Runtime, message: string): ApiCallError {
  return new ApiCallError('GET', `/runtime/${runtime.runtime_id}`, 503, undefined, message);
}
