import { workerRuns } from '../support/build-client';
import { freshContext, tarGz, token } from '../support/build-context';
import { BenchBuildDeployment } from '../support/build-deployment';
import { apiBuild, type ServerStages, serverStages } from '../support/build-timing';
import { benchBuildQueue } from './b5-build-queue';
import { type RawBuildTimes, rawBuildAndPush } from '../support/raw-docker-build';
import type { BenchResult } from '../support/report';
import { round, summarize } from '../support/stats';
import { medianOf } from '../support/tti';

export interface B5Options {
  distDir: string;
  redisUrl: string;
  /** `host:port` of the local registry, deletes enabled. */
  registry: string;
  baseImage: string;
  cacheRuns: number;
  overheadRuns: number;
  queued: number;
}

const REPOS = ['cache', 'api', 'raw', 'queue'] as const;
/** One small build (and its push) must end within this; it takes seconds here. */
const BUILD_TIMEOUT_MS = 180_000;

/**
 * B5, builds through `/build`: runtime-api plus two build-service workers (concurrency 1 each)
 * on a registry namespace of their own. (a) cache hits for an identical context, (b) one small
 * build via `/build` against the docker CLI doing the same build and push, (c) a queue of small
 * builds submitted at once.
 */
export async function benchBuilds(options: B5Options): Promise<BenchResult[]> {
  const deployment = await BenchBuildDeployment.start({
    ...options,
    workers: 2,
    concurrency: 1,
    repos: REPOS,
    // (c) submits all of its builds at once with one key.
    apiEnv: { BUILD_MAX_ACTIVE_PER_KEY: '1000' },
  });
  try {
    return [
      await cacheHits(deployment, options),
      await overhead(deployment, options),
      await benchBuildQueue(deployment, options),
    ];
  } finally {
    await deployment.close();
  }
}

/** (a) One build, then `cacheRuns` identical submissions, each timed until `SUCCESS`. */
async function cacheHits(deployment: BenchBuildDeployment, options: B5Options) {
  const { client } = deployment;
  const context = await tarGz({ Dockerfile: `FROM ${options.baseImage}\nRUN echo ${token()}\n` });
  const fields = { target_image: deployment.ref('cache', token()) };
  const built = await apiBuild(client, context, fields, BUILD_TIMEOUT_MS);
  const samples: number[] = [];
  const submits: number[] = [];
  let hits = 0;
  for (let i = 0; i < options.cacheRuns; i += 1) {
    const hit = await apiBuild(client, context, fields, BUILD_TIMEOUT_MS, 5);
    samples.push(hit.totalMs);
    submits.push(hit.submitMs);
    // Untimed: a hit answers the first build's image, and no worker ever ran it.
    const ran = workerRuns(await client.logs(hit.buildId)).length;
    if (hit.status.cached === true && hit.status.image === built.status.image && ran === 0)
      hits += 1;
  }
  const total = summarize(samples);
  return {
    id: 'B5a',
    name: `build cache hit (identical context, ${options.cacheRuns} times)`,
    figures: {
      runs: total.count,
      median_ms: round(total.median),
      p95_ms: round(total.p95),
      p99_ms: round(total.p99),
      submit_median_ms: medianOf(submits),
      cache_hits: `${hits}/${total.count}`,
      first_build_ms: Math.round(built.totalMs),
    },
    target: 'SUCCESS (cached) median <= 150 ms; no build',
    pass: total.median <= 150 && hits === total.count,
  } satisfies BenchResult;
}

/**
 * (b) `overheadRuns` pairs after one untimed warm-up pair (first push to each repository, lazy
 * paths): the same Dockerfile with a fresh marker each, so neither path reuses the other's
 * layers; the order alternates so neither always runs on the engine the other just warmed.
 */
async function overhead(deployment: BenchBuildDeployment, options: B5Options) {
  const raw: RawBuildTimes[] = [];
  const api: ServiceTimes[] = [];
  for (let i = 0; i <= options.overheadRuns; i += 1) {
    const first = i % 2 === 0 ? await cliBuild(deployment, options) : undefined;
    const service = await serviceBuild(deployment, options);
    const cli = first ?? (await cliBuild(deployment, options));
    if (i === 0) continue;
    raw.push(cli);
    api.push(service);
  }
  const extra = medianOf(api.map((s) => s.totalMs)) - medianOf(raw.map((s) => s.totalMs));
  return {
    id: 'B5b',
    name: `small build via /build vs docker build + push (${options.overheadRuns} runs each)`,
    figures: {
      runs: api.length,
      api_median_ms: medianOf(api.map((s) => s.totalMs)),
      raw_median_ms: medianOf(raw.map((s) => s.totalMs)),
      overhead_ms: round(extra),
      api_submit_median_ms: medianOf(api.map((s) => s.submitMs)),
      api_queued_median_ms: medianOf(api.map((s) => s.queuedMs)),
      api_worker_median_ms: medianOf(api.map((s) => s.workerMs)),
      raw_build_median_ms: medianOf(raw.map((s) => s.buildMs)),
      raw_push_median_ms: medianOf(raw.map((s) => s.pushMs)),
    },
    target: 'overhead (median /build - median raw) <= 300 ms',
    pass: extra <= 300,
  } satisfies BenchResult;
}

type ServiceTimes = ServerStages & { submitMs: number; totalMs: number };

async function serviceBuild(deployment: BenchBuildDeployment, options: B5Options) {
  const context = await freshContext(options.baseImage);
  const fields = { target_image: deployment.ref('api', token()) };
  // Polled every 20 ms: the poll adds ~10 ms on average to what the client sees.
  const built = await apiBuild(deployment.client, context, fields, BUILD_TIMEOUT_MS, 20);
  const { submitMs, totalMs } = built;
  return { submitMs, totalMs, ...serverStages(built.status) } satisfies ServiceTimes;
}

async function cliBuild(deployment: BenchBuildDeployment, options: B5Options) {
  const context = await freshContext(options.baseImage);
  return await rawBuildAndPush(context, deployment.ref('raw', token()));
}
