import { Logger } from '@nestjs/common';
import { Gauge as PromGauge, type Registry } from 'prom-client';
import type { SampledGaugeSpec } from './metric-types';

const logger = new Logger('Metrics');

/**
 * Registers a gauge read at scrape time. A failure is logged once (until a read succeeds again)
 * and leaves the last values: a scrape must never fail or hang because Redis is slow.
 */
export function registerSampledGauge<L extends string>(
  registry: Registry,
  spec: SampledGaugeSpec<L>,
): void {
  const timeoutMs = spec.timeoutMs ?? 1000;
  let failing = false;
  new PromGauge<L>({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labels ?? [],
    registers: [registry],
    async collect() {
      try {
        const samples = await withTimeout(spec.read(), timeoutMs);
        this.reset();
        for (const sample of samples) this.set(sample.labels, sample.value);
        failing = false;
      } catch (error) {
        if (!failing) {
          const reason = error instanceof Error ? error.message : String(error);
          logger.warn(
            { metric: spec.name, err: reason },
            'metric read failed; keeping last values',
          );
        }
        failing = true;
      }
    },
  });
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
