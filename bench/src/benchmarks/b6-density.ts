import type { Runtime } from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import { mapLimit, valuesOrThrow } from '../support/map-limit';
import { hostUsedMb } from '../support/memory';
import type { BenchResult } from '../support/report';
import { isAlive } from '../support/runtime-api-client';
import { BenchRuntimeApi } from '../support/runtime-api-process';
import { dockerMemory, localMemory, type MemoryFigures } from '../support/runtime-memory';
import { ownedContainers, ownedVolumes, processesInGroups } from '../support/runtime-leftovers';
import { round } from '../support/stats';

export interface B6Options {
  distDir: string;
  redisUrl: string;
  image: string;
  local: number;
  docker: number;
}

/** Starts in flight at once: enough to fill the machine quickly, few enough not to time out. */
const START_CONCURRENCY = 5;

/**
 * B6, density: `local` local-backend and `docker` docker runtimes started through runtime-api
 * and held idle at once; all must answer `/alive` through their url. Reports the idle agent
 * server's memory per runtime and the host memory they take, then stops them all and checks
 * that no labelled container, volume or runtime process is left.
 */
export async function benchDensity(options: B6Options): Promise<BenchResult> {
  const local = await BenchRuntimeApi.start({ ...options, backend: 'local' });
  let docker: BenchRuntimeApi | undefined;
  try {
    docker = await BenchRuntimeApi.start({ ...options, backend: 'docker' });
    const hostBefore = await hostUsedMb();
    const began = performance.now();
    const localHeld = await startMany(local, options.local, options.image);
    const dockerHeld = await startMany(docker, options.docker, options.image);
    const startAllS = (performance.now() - began) / 1000;
    const alive = await Promise.all([...localHeld, ...dockerHeld].map(isAlive));
    const healthy = alive.filter(Boolean).length;
    const localMem = await localMemory(local.root);
    const dockerMem = await dockerMemory(docker.owner);
    const hostHolding = await hostUsedMb();
    await stopAll(local, localHeld);
    await stopAll(docker, dockerHeld);
    const left = await leftAfterStop(docker.owner, localMem.pids);
    const held = options.local + options.docker;
    return {
      id: 'B6',
      name: `density: ${options.local} local + ${options.docker} docker runtimes held idle`,
      figures: {
        healthy: `${healthy}/${held}`,
        start_all_s: round(startAllS, 1),
        ...prefixed('local', localMem),
        ...prefixed('docker', dockerMem),
        host_used_before_mb: Math.round(hostBefore),
        host_used_holding_mb: Math.round(hostHolding),
        host_mb_per_runtime: round((hostHolding - hostBefore) / held, 1),
        left_containers: left.containers,
        left_volumes: left.volumes,
        left_processes: left.processes,
      },
      target: `${held}/${held} healthy; idle agent-server RSS <= 80 MB; nothing left after stop`,
      pass:
        healthy === held &&
        Math.max(localMem.rssMax, dockerMem.rssMax) <= 80 &&
        left.containers + left.volumes + left.processes === 0,
    };
  } finally {
    await docker?.close();
    await local.close();
  }
}

function prefixed(backend: string, memory: MemoryFigures): Record<string, number> {
  return {
    [`${backend}_rss_median_mb`]: round(memory.rssMedian, 1),
    [`${backend}_rss_max_mb`]: round(memory.rssMax, 1),
    [`${backend}_rss_anon_median_mb`]: round(memory.anonMedian, 1),
    [`${backend}_pss_total_mb`]: Math.round(memory.pssTotal),
    ...(memory.cgroupMedian === undefined
      ? {}
      : { [`${backend}_container_mem_median_mb`]: round(memory.cgroupMedian, 1) }),
  };
}

/** `count` runtimes via `/start` (which waits until each is ready), a few at a time. */
async function startMany(api: BenchRuntimeApi, count: number, image: string): Promise<Runtime[]> {
  const results = await mapLimit(
    Array.from({ length: count }, (_, i) => i),
    START_CONCURRENCY,
    async () => {
      const runtime = await api.client.start({ image });
      return await waitFor(() => api.client.readyRuntime(runtime.runtime_id), {
        timeoutMs: 120_000,
        intervalMs: 100,
        description: `runtime ${runtime.runtime_id} to be ready`,
      });
    },
  );
  return valuesOrThrow(results);
}

async function stopAll(api: BenchRuntimeApi, runtimes: readonly Runtime[]): Promise<void> {
  valuesOrThrow(
    await mapLimit(runtimes, START_CONCURRENCY, (runtime) => api.client.stop(runtime.runtime_id)),
  );
}

/** What is left once `/stop` answered for every runtime (given a few seconds to disappear). */
async function leftAfterStop(owner: string, leaders: readonly number[]) {
  const count = async () => ({
    containers: (await ownedContainers(owner)).length,
    volumes: (await ownedVolumes(owner)).length,
    processes: await processesInGroups(leaders),
  });
  const none = await waitFor(
    async () => {
      const left = await count();
      return left.containers + left.volumes + left.processes === 0 ? left : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 250, description: 'nothing left' },
  ).catch(() => undefined);
  return none ?? (await count());
}
