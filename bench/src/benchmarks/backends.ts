import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DockerBackend,
  LocalBackend,
  type RuntimeBackend,
  type RuntimeSpec,
} from '@agentrt/runtime-backends';
import type { BenchResult } from '../support/report';
import { round, summarize, timeMs } from '../support/stats';

export interface BackendBenchOptions {
  runs: number;
  listSize: number;
  agentServerMain: string;
  baseImage: string;
}

const HTTP_SERVER = "require('http').createServer((q,s)=>s.end('ok')).listen(8000)";

function spec(image: string, command: string[]): RuntimeSpec {
  const runtimeId = `bench-${randomUUID().slice(0, 8)}`;
  return {
    runtimeId,
    sessionId: runtimeId,
    image,
    command,
    environment: {},
    ports: [8000],
    resourceFactor: 1,
    pullPolicy: 'Never',
    labels: {},
    readiness: { port: 8000, path: '/alive', timeoutMs: 30_000 },
  };
}

/** Start (until ready) and stop, `runs` times in a row; then `list` with `listSize` runtimes alive. */
async function measure(
  backend: RuntimeBackend,
  makeSpec: () => RuntimeSpec,
  options: BackendBenchOptions,
) {
  const starts: number[] = [];
  const stops: number[] = [];
  for (let i = 0; i < options.runs; i += 1) {
    const began = performance.now();
    const handle = await backend.start(makeSpec());
    starts.push(performance.now() - began);
    stops.push(await timeMs(() => backend.stop(handle)));
  }
  const held = [];
  try {
    for (let i = 0; i < options.listSize; i += 1)
      held.push(await backend.start({ ...makeSpec(), readiness: undefined }));
    const lists: number[] = [];
    for (let i = 0; i < 5; i += 1) lists.push(await timeMs(() => backend.list()));
    return { start: summarize(starts), stop: summarize(stops), list: summarize(lists) };
  } finally {
    await Promise.all(held.map((handle) => backend.stop(handle).catch(() => undefined)));
  }
}

/** Issue 4's figures: start-to-ready and stop for local and docker, list with 20 runtimes. */
export async function benchBackends(options: BackendBenchOptions): Promise<BenchResult[]> {
  const owner = `bench-${process.pid}`;
  const root = mkdtempSync(join(tmpdir(), 'agentrt-bench-local-'));
  try {
    const local = new LocalBackend({
      root,
      owner,
      agentServerCommand: [process.execPath, options.agentServerMain],
      baseEnvironment: { PATH: '/usr/local/bin:/usr/bin:/bin', LOG_LEVEL: 'warn' },
    });
    const docker = new DockerBackend({ docker: '/var/run/docker.sock', owner });
    const localFigures = await measure(local, () => spec('', []), options);
    const dockerFigures = await measure(
      docker,
      () => spec(options.baseImage, ['node', '-e', HTTP_SERVER]),
      options,
    );
    return [
      result('local', 'local backend (agent-server process)', localFigures),
      result('docker', 'docker backend (base image, minimal HTTP server)', dockerFigures),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function result(
  id: string,
  name: string,
  figures: Awaited<ReturnType<typeof measure>>,
): BenchResult {
  return {
    id: `backend-${id}`,
    name,
    figures: {
      runs: figures.start.count,
      start_to_ready_median_ms: round(figures.start.median),
      start_p95_ms: round(figures.start.p95),
      stop_median_ms: round(figures.stop.median),
      list_median_ms_with_20: round(figures.list.median),
    },
    target: 'reported (issue 4); B1 targets need runtime-api',
    pass: true,
  };
}
