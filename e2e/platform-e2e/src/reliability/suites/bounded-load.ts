/** How much load a suite may generate: a call count, the calls in flight, and a deadline. */
export interface LoadBounds {
  calls: number;
  concurrency: number;
  /** No new call starts this long after the first one; calls already started finish. */
  deadlineMs: number;
  /** No new call starts once this says so (load that runs until the test has seen enough). */
  until?: () => boolean;
}

/** What a bounded run did: calls started, and the errors the calls threw (never rethrown). */
export interface LoadOutcome {
  started: number;
  errors: unknown[];
}

/**
 * Runs `task(0)`, `task(1)`, ... with at most `concurrency` in flight until `calls` have started,
 * the deadline passed or `until` holds. A throwing call is recorded, not rethrown: the run always ends with
 * every call settled, so nothing is left in flight behind a failed assertion.
 */
export async function runBounded(
  bounds: LoadBounds,
  task: (index: number) => Promise<void>,
): Promise<LoadOutcome> {
  const deadline = Date.now() + bounds.deadlineMs;
  const errors: unknown[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bounds.calls && Date.now() < deadline && !bounds.until?.()) {
      const index = next;
      next += 1;
      await task(index).catch((error: unknown) => errors.push(error));
    }
  };
  await Promise.all(Array.from({ length: bounds.concurrency }, worker));
  return { started: next, errors };
}

/** Durations per kind of call, summarised as nearest-rank percentiles. */
export class Latencies {
  private readonly samples = new Map<string, number[]>();

  record(kind: string, ms: number): void {
    const list = this.samples.get(kind) ?? [];
    list.push(ms);
    this.samples.set(kind, list);
  }

  /** Times `call` under `kind`, whether it resolves or throws. */
  async time<T>(kind: string, call: () => Promise<T>): Promise<T> {
    const startedAt = performance.now();
    try {
      return await call();
    } finally {
      this.record(kind, performance.now() - startedAt);
    }
  }

  count(kind: string): number {
    return this.samples.get(kind)?.length ?? 0;
  }

  percentile(kind: string, p: number): number {
    const sorted = [...(this.samples.get(kind) ?? [])].sort((a, b) => a - b);
    if (sorted.length === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
    return sorted[rank - 1] ?? Number.NaN;
  }

  /** `start p50 12 ms p99 40 ms (n=100); stop ...` in the order the kinds were first seen. */
  summary(): string {
    return [...this.samples.keys()]
      .map((kind) => {
        const p50 = Math.round(this.percentile(kind, 50));
        const p99 = Math.round(this.percentile(kind, 99));
        return `${kind} p50 ${p50} ms p99 ${p99} ms (n=${this.count(kind)})`;
      })
      .join('; ');
  }
}
