import type { MetricsText } from '@agentrt/testing';

/**
 * A histogram has `atLeast` observations with these labels and their mean lies in (0, maxMean]:
 * it was fed real durations, in seconds.
 */
export function expectObserved(
  metrics: MetricsText,
  histogram: string,
  labels: Record<string, string>,
  { atLeast = 1, maxMean }: { atLeast?: number; maxMean: number },
): void {
  const count = metrics.sum(`${histogram}_count`, labels) ?? 0;
  const mean = count > 0 ? (metrics.sum(`${histogram}_sum`, labels) ?? 0) / count : undefined;
  const sane = count >= atLeast && mean !== undefined && mean > 0 && mean <= maxMean;
  // On failure the message shows which series and what it held.
  expect(sane ? 'sane' : { histogram, labels, count, mean }).toBe('sane');
}

/** Every value of a gauge's `label` is present and equals `value`. */
export function expectGauge(
  metrics: MetricsText,
  gauge: string,
  label: string,
  values: readonly string[],
  value: number,
): void {
  const seen = Object.fromEntries(values.map((v) => [v, metrics.sum(gauge, { [label]: v })]));
  expect(seen).toEqual(Object.fromEntries(values.map((v) => [v, value])));
}
