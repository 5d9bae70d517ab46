import type { Metrics } from './metrics';

export interface MetricsModuleOptions {
  /** The `app` label of the HTTP series, e.g. `runtime-api`. */
  app: string;
  /** `METRICS_ENABLED`: false serves no `/metrics`, times no requests, collects no process series. */
  enabled: boolean;
  /** Record into another app's metrics in this process (the gateway's admin port serves the public app's). */
  shared?: Metrics;
  /** false: record here but serve `GET /metrics` elsewhere (the gateway's public port). */
  serve?: boolean;
}

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');
