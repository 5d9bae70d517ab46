/** Label values of one series, keyed by the label names its metric declares. */
export type LabelValues<L extends string> = Readonly<Record<L, string>>;

/** Name, help text and label names of a metric; names follow Prometheus conventions. */
export interface MetricSpec<L extends string> {
  name: string;
  help: string;
  labels?: readonly L[];
}

export interface HistogramSpec<L extends string> extends MetricSpec<L> {
  /** Upper bounds in the metric's unit (seconds for durations). */
  buckets?: readonly number[];
}

/** One value of a gauge read at scrape time. */
export interface Sample<L extends string> {
  labels: LabelValues<L>;
  value: number;
}

/**
 * A gauge whose value lives elsewhere (Redis, a pool, a queue): `read` is called once per scrape
 * and replaces every series of the gauge; a failed or slow read keeps the last values.
 */
export interface SampledGaugeSpec<L extends string> extends MetricSpec<L> {
  read: () => Promise<readonly Sample<L>[]>;
  /** How long a scrape waits for `read`; 1000 ms unless told. */
  timeoutMs?: number;
}

export interface Counter<L extends string> {
  inc(labels: LabelValues<L>, by?: number): void;
}

export interface Gauge<L extends string> {
  set(labels: LabelValues<L>, value: number): void;
  inc(labels: LabelValues<L>, by?: number): void;
  dec(labels: LabelValues<L>, by?: number): void;
}

export interface Histogram<L extends string> {
  observe(labels: LabelValues<L>, value: number): void;
}
