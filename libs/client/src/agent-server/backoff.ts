/** How a dropped event stream waits between reconnect attempts, and when it gives up. */
export interface ReconnectBackoffOptions {
  /** Delay before the first reconnect (default 200 ms). */
  initialMs?: number;
  /** No delay grows past this (default 5 s). */
  maxMs?: number;
  /** Growth per attempt (default 2). */
  factor?: number;
  /**
   * Share of each delay that is random (0..1, default 0.5): a delay is between
   * `(1 - jitter) * d` and `d`, so clients cut off together do not all come back at once.
   */
  jitter?: number;
  /** Give up after this many failed attempts in a row (default: never). */
  maxAttempts?: number;
  /** Give up once the stream has been down this long (default: never). */
  giveUpAfterMs?: number;
}

export const DEFAULT_RECONNECT_BACKOFF = {
  initialMs: 200,
  maxMs: 5_000,
  factor: 2,
  jitter: 0.5,
} as const;

/**
 * The delay before reconnect attempt `attempt` (0 for the first): exponential, capped at
 * `maxMs`, with jitter taken off the top so the cap is never exceeded. `random` is in [0, 1).
 */
export function reconnectDelay(
  attempt: number,
  options: ReconnectBackoffOptions = {},
  random: () => number = Math.random,
): number {
  const initial = options.initialMs ?? DEFAULT_RECONNECT_BACKOFF.initialMs;
  const max = options.maxMs ?? DEFAULT_RECONNECT_BACKOFF.maxMs;
  const factor = options.factor ?? DEFAULT_RECONNECT_BACKOFF.factor;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? DEFAULT_RECONNECT_BACKOFF.jitter));
  const ceiling = Math.min(max, initial * factor ** attempt);
  return Math.round(ceiling * (1 - jitter * random()));
}

/** The attempts of one outage: counts them and says when to stop trying. */
export class Backoff {
  private attempt = 0;
  private downSince: number | undefined;

  constructor(
    private readonly options: ReconnectBackoffOptions = {},
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /** The next delay, or undefined when the attempts or the time allowed are used up. */
  next(): number | undefined {
    const now = this.now();
    this.downSince ??= now;
    const { maxAttempts, giveUpAfterMs } = this.options;
    if (maxAttempts !== undefined && this.attempt >= maxAttempts) return undefined;
    const delay = reconnectDelay(this.attempt, this.options, this.random);
    if (giveUpAfterMs !== undefined && now + delay - this.downSince > giveUpAfterMs) {
      return undefined;
    }
    this.attempt += 1;
    return delay;
  }

  /** Failed attempts so far in this outage. */
  get attempts(): number {
    return this.attempt;
  }

  /** The stream is live again: the next outage starts from the initial delay. */
  reset(): void {
    this.attempt = 0;
    this.downSince = undefined;
  }
}

/** Waits `ms`, or less if `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
