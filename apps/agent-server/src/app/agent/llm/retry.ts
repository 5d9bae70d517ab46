import { LlmError } from './llm-error';

/** Waits `ms`, or rejects early when `signal` aborts. Injected so tests do not wait. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new LlmError('LLMCancelledError', 'The run was cancelled'));
    const timer = setTimeout(done, ms);
    function done(): void {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort(): void {
      clearTimeout(timer);
      reject(new LlmError('LLMCancelledError', 'The run was cancelled'));
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });

export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  minWaitMs: number;
  maxWaitMs: number;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable {@link LlmError}, or the retries
 * are used up; waits grow exponentially (min, 2x min, 4x min, ...) up to `maxWaitMs`.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  sleep: Sleep,
  signal: AbortSignal,
): Promise<T> {
  for (let tries = 0; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      const retryable = error instanceof LlmError && error.retryable;
      if (!retryable || tries >= policy.retries || signal.aborted) throw error;
      await sleep(Math.min(policy.maxWaitMs, policy.minWaitMs * 2 ** tries), signal);
    }
  }
}
