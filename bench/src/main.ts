import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchTti } from './benchmarks/b1-tti';
import { benchExec } from './benchmarks/b2-exec';
import { benchEvents } from './benchmarks/b3-events';
import { benchProxy } from './benchmarks/b4-proxy';
import { benchBuilds } from './benchmarks/b5-builds';
import { benchDensity } from './benchmarks/b6-density';
import { benchIdleRss } from './benchmarks/idle-rss';
import { benchBackends } from './benchmarks/backends';
import { BenchAgentServer } from './support/agent-server';
import { requireImage } from './support/docker-image';
import { type BenchResult, printTable, writeJson } from './support/report';

const ALL = ['b1', 'b2', 'b3', 'b4', 'rss', 'b5', 'b6', 'backends'] as const;
const ROOT = resolve(__dirname, '../..');
// eslint-disable-next-line no-restricted-properties -- read once here: the same switch the build uses
const DIST_DIR = process.env['AGENTRT_DIST_DIR'] ?? join(ROOT, 'dist/apps');

/**
 * Runs the benchmarks against freshly started services (built apps in AGENTRT_DIST_DIR, default
 * dist/apps), prints a table and writes JSON. Everything is bounded in count and time and talks
 * only to loopback and to the containers it starts itself.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', default: ALL.join(',') },
      json: {
        type: 'string',
        default: join(ROOT, 'tmp/bench/results.json'),
      },
      'base-image': { type: 'string', default: 'agentrt-local/node-base:bookworm' },
      'runtime-image': { type: 'string', default: 'agentrt/agent-server-runtime:dev' },
      redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
      registry: { type: 'string', default: '127.0.0.1:5000' },
      quick: { type: 'boolean', default: false },
      /** `NAME=value,...` for B4's gateway, e.g. NODE_OPTIONS=--max-semi-space-size=32. */
      'b4-gateway-env': { type: 'string', default: '' },
    },
  });
  const only = new Set(values.only.split(',').map((name) => name.trim().toLowerCase()));
  const scale = values.quick ? 0.1 : 1;
  const results: BenchResult[] = [];
  // Shared, noisy machines: the load when the run began says how far to trust its figures.
  const loadAtStart = loadavg().map((load) => Number(load.toFixed(2)));
  const runtimeApi = {
    redisUrl: values.redis,
    image: values['runtime-image'],
    baseImage: values['base-image'],
    quick: values.quick,
  };
  if (only.has('b1')) results.push(...(await runtimeApiBench('b1', runtimeApi)));
  if (only.has('b2') || only.has('b3') || only.has('b4')) {
    const server = await BenchAgentServer.start(DIST_DIR);
    try {
      if (only.has('b2')) {
        console.error('[bench] B2 exec round trip ...');
        results.push(
          await benchExec(server, {
            runs: Math.round(500 * scale),
            baselineRuns: Math.round(100 * scale),
            baseImage: values['base-image'],
          }),
        );
      }
      if (only.has('b3')) {
        console.error('[bench] B3 event streaming ...');
        results.push(
          await benchEvents(server, {
            events: Math.round(10_000 * scale),
            subscribers: 50,
            liveEvents: Math.round(1_000 * scale),
          }),
        );
      }
      if (only.has('b4')) {
        console.error('[bench] B4 runtime proxy throughput (gateway, nginx, direct) ...');
        results.push(
          await benchProxy(server, {
            distDir: DIST_DIR,
            redisUrl: values.redis,
            connections: 50,
            durationMs: values.quick ? 1_000 : 3_000,
            rounds: values.quick ? 1 : 5,
            gatewayEnv: gatewayEnvOf(values['b4-gateway-env']),
          }),
        );
      }
    } finally {
      await server.stop();
    }
  }
  if (only.has('rss')) {
    console.error('[bench] idle RSS ...');
    results.push(await benchIdleRss(DIST_DIR));
  }
  if (only.has('b5')) {
    console.error('[bench] B5 builds (runtime-api + 2 build-service workers) ...');
    results.push(
      ...(await benchBuilds({
        distDir: DIST_DIR,
        redisUrl: values.redis,
        registry: values.registry,
        baseImage: values['base-image'],
        cacheRuns: values.quick ? 5 : 20,
        overheadRuns: values.quick ? 2 : 5,
        queued: values.quick ? 10 : 50,
      })),
    );
  }
  if (only.has('b6')) results.push(...(await runtimeApiBench('b6', runtimeApi)));
  if (only.has('backends')) {
    console.error('[bench] runtime backends (local, docker) ...');
    results.push(
      ...(await benchBackends({
        runs: Math.max(3, Math.round(30 * scale)),
        listSize: 20,
        agentServerMain: join(DIST_DIR, 'agent-server/main.js'),
        baseImage: values['base-image'],
      })),
    );
  }
  printTable(results);
  writeJson(values.json, results, {
    machine: {
      cpus: cpus().length,
      memory_gb: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      load_avg_at_start: loadAtStart,
      load_avg_at_end: loadavg().map((load) => Number(load.toFixed(2))),
    },
    date: new Date().toISOString(),
    scale,
  });
  console.error(`[bench] results written to ${values.json}`);
  if (results.some((result) => !result.pass)) process.exitCode = 1;
}

/** B1 and B6 boot runtime-api (and through it agent servers and containers) themselves. */
async function runtimeApiBench(
  id: 'b1' | 'b6',
  options: { redisUrl: string; image: string; baseImage: string; quick: boolean },
): Promise<BenchResult[]> {
  await requireImage(options.image);
  const common = { distDir: DIST_DIR, redisUrl: options.redisUrl, image: options.image };
  if (id === 'b1') {
    console.error('[bench] B1 time to interactive (runtime-api) ...');
    const runs = options.quick ? 5 : 30;
    const burst = options.quick ? 5 : 20;
    return await benchTti({ ...common, baseImage: options.baseImage, runs, poolSize: 5, burst });
  }
  console.error('[bench] B6 density (runtime-api, local and docker) ...');
  return [
    await benchDensity({
      ...common,
      local: options.quick ? 5 : 50,
      docker: options.quick ? 3 : 20,
    }),
  ];
}

function gatewayEnvOf(list: string): Record<string, string> {
  return Object.fromEntries(
    list
      .split(',')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
