import { waitFor } from '@agentrt/testing';
import type { BenchResult } from '../support/report';
import { atOnce, engineStart, rawDockerTti } from '../support/raw-docker-tti';
import { BenchRuntimeApi, type RuntimeApiOptions } from '../support/runtime-api-process';
import { round, summarize } from '../support/stats';
import {
  burstFigures,
  measureTti,
  medianOf,
  sequentialFigures,
  type TtiSample,
} from '../support/tti';

export interface B1Options {
  distDir: string;
  redisUrl: string;
  /** The runtime image (agent server + tmux/git); must be present in the engine. */
  image: string;
  /** The bare base image, for the engine's own start time (the floor). */
  baseImage: string;
  runs: number;
  poolSize: number;
  burst: number;
}

/**
 * B1, time to interactive: `POST /start` until the first `execute_bash_command` through the
 * runtime's url returns, against a runtime-api child process. (a) warm pool, (b) cold docker,
 * (c) a burst of cold docker starts at once, (d) cold local backend for comparison; then the
 * baselines without runtime-api in the same run (raw `docker run` of the same image, and the
 * engine's own start of a bare container), so (b) and (c) can be read as ratios.
 */
export async function benchTti(options: B1Options): Promise<BenchResult[]> {
  const results = [await warmPool(options), ...(await coldDocker(options))];
  results.push(await coldLocal(options), ...(await rawBaselines(options)));
  return results;
}

async function rawBaselines(options: B1Options): Promise<BenchResult[]> {
  const sequentialRaw: number[] = [];
  for (let i = 0; i <= options.runs; i += 1) {
    const sample = await rawDockerTti(options.image);
    if (i > 0) sequentialRaw.push(sample); // the first is a warm-up, as in B1b
  }
  const burstRaw = await atOnce(options.burst, () => rawDockerTti(options.image));
  const burstEngine = await atOnce(options.burst, () => engineStart(options.baseImage));
  const baseline = (id: string, name: string, samples: number[]): BenchResult => {
    const total = summarize(samples);
    const figures = { runs: total.count, median_ms: round(total.median), p95_ms: round(total.p95) };
    return {
      id,
      name,
      figures: { ...figures, max_ms: round(total.max) },
      target: 'baseline',
      pass: true,
    };
  };
  return [
    baseline('B1b-raw', 'raw docker run of the runtime image to first command', sequentialRaw),
    baseline('B1c-raw', `raw: ${options.burst} such docker runs at once`, burstRaw),
    baseline(
      'B1c-engine',
      `engine floor: ${options.burst} bare docker run -d at once`,
      burstEngine,
    ),
  ];
}

async function warmPool(options: B1Options): Promise<BenchResult> {
  const size = options.poolSize;
  const pools = [{ image: options.image, resource_factor: 1, size, max: size }];
  return await withApi(options, 'docker', { WARM_POOLS: JSON.stringify(pools) }, async (api) => {
    let claims = 0;
    // Untimed: a full pool before every run, so each claim measures the claim and not a boot.
    const refilled = () =>
      waitFor(() => Promise.resolve(api.poolBoots().length - claims >= size), {
        timeoutMs: 180_000,
        intervalMs: 50,
        description: `warm pool to hold ${size} runtimes`,
      });
    const samples = await sequential(api, options, async () => {
      await refilled();
      claims += 1;
    });
    const pooled = new Set(api.poolBoots().map((line) => line.runtimeId));
    const fromPool = samples.filter((s) => pooled.has(s.runtime.runtime_id)).length;
    const total = summarize(samples.map((s) => s.totalMs));
    return {
      id: 'B1a',
      name: `TTI warm pool (docker, pool of ${size})`,
      figures: {
        ...sequentialFigures(samples),
        claimed_from_pool: `${fromPool}/${samples.length}`,
        pool_boot_median_ms: medianOf(api.poolBoots().map((line) => line.bootMs)),
      },
      target: 'median <= 50 ms; p99 <= 150 ms',
      pass: total.median <= 50 && total.p99 <= 150 && fromPool === samples.length,
    };
  });
}

async function coldDocker(options: B1Options): Promise<BenchResult[]> {
  return await withApi(options, 'docker', {}, async (api) => {
    const samples = await sequential(api, options);
    const total = summarize(samples.map((s) => s.totalMs));
    const cold: BenchResult = {
      id: 'B1b',
      name: 'TTI cold docker',
      figures: { ...sequentialFigures(samples), server_boot_median_ms: serverBoot(api, samples) },
      target: 'median <= 800 ms',
      pass: total.median <= 800,
    };
    const burst = await burstOf(api, options);
    const burstTotal = summarize(burst.map((s) => s.totalMs));
    const together: BenchResult = {
      id: 'B1c',
      name: `TTI burst of ${options.burst} cold docker starts`,
      figures: { ...burstFigures(burst), server_boot_median_ms: serverBoot(api, burst) },
      target: 'median <= 2 s',
      pass: burstTotal.median <= 2000,
    };
    return [cold, together];
  });
}

async function coldLocal(options: B1Options): Promise<BenchResult> {
  return await withApi(options, 'local', {}, async (api) => {
    const samples = await sequential(api, options);
    return {
      id: 'B1d',
      name: 'TTI cold local backend (comparison)',
      figures: { ...sequentialFigures(samples), server_boot_median_ms: serverBoot(api, samples) },
      target: 'reported (no target)',
      pass: true,
    };
  });
}

/** Boots runtime-api, runs `body`, and always stops its runtimes and removes what is left. */
async function withApi<T>(
  options: B1Options,
  backend: RuntimeApiOptions['backend'],
  env: Record<string, string>,
  body: (api: BenchRuntimeApi) => Promise<T>,
): Promise<T> {
  const api = await BenchRuntimeApi.start({ ...options, backend, env });
  try {
    return await body(api);
  } finally {
    await api.close();
  }
}

/**
 * `runs` measured starts one after another, after one untimed warm-up (the first request pays for
 * runtime-api's lazy paths); each runtime is stopped, untimed, before the next start.
 */
async function sequential(
  api: BenchRuntimeApi,
  options: B1Options,
  beforeEach: () => Promise<void> = () => Promise.resolve(),
): Promise<TtiSample[]> {
  const samples: TtiSample[] = [];
  for (let i = 0; i <= options.runs; i += 1) {
    await beforeEach();
    const sample = await measureTti(api.client, { image: options.image });
    await api.client.stop(sample.runtime.runtime_id);
    if (i > 0) samples.push(sample);
  }
  return samples;
}

/** `burst` starts at once; every runtime that came up is stopped before a failure is rethrown. */
async function burstOf(api: BenchRuntimeApi, options: B1Options): Promise<TtiSample[]> {
  const settled = await Promise.allSettled(
    Array.from({ length: options.burst }, () => measureTti(api.client, { image: options.image })),
  );
  const samples = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  await Promise.all(samples.map((s) => api.client.stop(s.runtime.runtime_id)));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return samples;
}

/** Median `boot_ms` runtime-api logged (`runtime ready`) for these samples' runtimes. */
function serverBoot(api: BenchRuntimeApi, samples: readonly TtiSample[]): number | string {
  const ids = new Set(samples.map((s) => s.runtime.runtime_id));
  const boots = api.ready.filter((line) => ids.has(line.runtimeId)).map((line) => line.bootMs);
  return boots.length > 0 ? medianOf(boots) : 'not logged';
}
