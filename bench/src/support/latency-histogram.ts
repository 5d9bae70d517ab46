/** Latencies as microseconds -> number of requests: runs pool exactly by adding counts. */
export type LatencyHistogram = ReadonlyMap<number, number>;

export interface LatencyPercentiles {
  p50: number;
  p99: number;
  max: number;
}

export function mergeHistograms(histograms: readonly LatencyHistogram[]): LatencyHistogram {
  const merged = new Map<number, number>();
  for (const histogram of histograms) {
    for (const [us, count] of histogram) merged.set(us, (merged.get(us) ?? 0) + count);
  }
  return merged;
}

/** Nearest-rank percentiles in milliseconds, as `summarize` (stats.ts) takes them from samples. */
export function percentilesMs(histogram: LatencyHistogram): LatencyPercentiles {
  const buckets = [...histogram].sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) throw new Error('no latencies');
  const at = (p: number) => {
    const rank = Math.ceil((p / 100) * total);
    let seen = 0;
    for (const [us, count] of buckets) {
      seen += count;
      if (seen >= rank) return us / 1000;
    }
    return Number.NaN;
  };
  return { p50: at(50), p99: at(99), max: at(100) };
}
