/** One sample line of the Prometheus text format. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * Reads a `/metrics` answer (tests, smoke checks): `value(name, labels)` finds the one
 * sample with that name whose labels include the given ones (undefined when there is none).
 */
export class MetricsText {
  readonly samples: readonly MetricSample[];

  constructor(readonly text: string) {
    this.samples = text.split('\n').flatMap((line) => {
      const match = line.startsWith('#') ? null : SAMPLE.exec(line);
      if (!match) return [];
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(LABEL)].map(([, key = '', value = '']) => [key, value]),
      );
      return [{ name: match[1] ?? '', labels, value: Number(match[3]) }];
    });
  }

  /** Every sample of the name whose labels include `labels`. */
  all(name: string, labels: Record<string, string> = {}): MetricSample[] {
    return this.samples.filter(
      (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
    );
  }

  value(name: string, labels: Record<string, string> = {}): number | undefined {
    const found = this.all(name, labels);
    if (found.length > 1)
      throw new Error(`${found.length} samples of ${name} match; name more labels`);
    return found[0]?.value;
  }

  /** The sum over every matching sample, as a dashboard query would (undefined when none match). */
  sum(name: string, labels: Record<string, string> = {}): number | undefined {
    const found = this.all(name, labels);
    return found.length === 0 ? undefined : found.reduce((total, s) => total + s.value, 0);
  }

  /** `# TYPE` of a metric family, e.g. `histogram`. */
  typeOf(name: string): string | undefined {
    return new RegExp(`^# TYPE ${name} (\\w+)$`, 'm').exec(this.text)?.[1];
  }
}

/** Fetches and parses `<baseUrl>/metrics`, failing on any answer but 200. */
export async function scrapeMetrics(
  baseUrl: string,
  headers: Record<string, string> = {},
): Promise<MetricsText> {
  const response = await fetch(`${baseUrl}/metrics`, { headers });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return new MetricsText(await response.text());
}
