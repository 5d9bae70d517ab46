import {
  collectDefaultMetrics,
  Counter as PromCounter,
  Gauge as PromGauge,
  Histogram as PromHistogram,
  Registry,
} from 'prom-client';
import type {
  Counter,
  Gauge,
  Histogram,
  HistogramSpec,
  MetricSpec,
  SampledGaugeSpec,
} from './metric-types';
import { registerSampledGauge } from './sampled-gauge';

type Kind = 'counter' | 'gauge' | 'histogram' | 'sampled';

/**
 * An app's metrics: its own registry (never prom-client's global one, so several apps booted in
 * one test process stay apart). Asking twice for the same name returns the same metric, so two
 * Nest apps sharing one `Metrics` (the gateway's public and admin ports) can both record.
 */
export class Metrics {
  private readonly registry = new Registry();
  private readonly made = new Map<string, { kind: Kind; metric: unknown }>();

  constructor(options: { defaultMetrics: boolean }) {
    // Process CPU, memory, event loop lag, GC: the usual node series, under our prefix.
    if (options.defaultMetrics)
      collectDefaultMetrics({ register: this.registry, prefix: 'agentrt_' });
  }

  /** The media type of `exposition()` (Prometheus text format 0.0.4). */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every series in the Prometheus text format; sampled gauges are read now. */
  async exposition(): Promise<string> {
    return await this.registry.metrics();
  }

  counter<L extends string = never>(spec: MetricSpec<L>): Counter<L> {
    return this.once(spec.name, 'counter', () => {
      const counter = new PromCounter<L>({ ...this.base(spec) });
      return { inc: (labels, by) => counter.inc(labels, by) };
    });
  }

  gauge<L extends string = never>(spec: MetricSpec<L>): Gauge<L> {
    return this.once(spec.name, 'gauge', () => {
      const gauge = new PromGauge<L>({ ...this.base(spec) });
      return {
        set: (labels, value) => gauge.set(labels, value),
        inc: (labels, by) => gauge.inc(labels, by),
        dec: (labels, by) => gauge.dec(labels, by),
      };
    });
  }

  histogram<L extends string = never>(spec: HistogramSpec<L>): Histogram<L> {
    return this.once(spec.name, 'histogram', () => {
      const buckets = spec.buckets ? [...spec.buckets] : undefined;
      const histogram = new PromHistogram<L>({ ...this.base(spec), ...(buckets && { buckets }) });
      return { observe: (labels, value) => histogram.observe(labels, value) };
    });
  }

  /** A gauge read at scrape time; see `SampledGaugeSpec`. A second one of a name is ignored. */
  sampledGauge<L extends string = never>(spec: SampledGaugeSpec<L>): void {
    this.once(spec.name, 'sampled', () => registerSampledGauge(this.registry, spec));
  }

  private base<L extends string>(spec: MetricSpec<L>) {
    return {
      name: spec.name,
      help: spec.help,
      labelNames: spec.labels ?? [],
      registers: [this.registry],
    };
  }

  private once<T>(name: string, kind: Kind, make: () => T): T {
    const existing = this.made.get(name);
    if (existing) {
      if (existing.kind !== kind) throw new Error(`metric ${name} is already a ${existing.kind}`);
      return existing.metric as T;
    }
    const metric = make();
    this.made.set(name, { kind, metric });
    return metric;
  }
}
