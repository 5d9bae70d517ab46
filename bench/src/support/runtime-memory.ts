import { containerMemoryMb, containerPids, type ProcessMemory, processMemoryMb } from './memory';
import { ownedContainers, ownedProcesses } from './runtime-leftovers';
import { summarize } from './stats';

/** Idle memory of a set of runtimes' agent servers, in MB. */
export interface MemoryFigures {
  /** The agent servers' pids (local: process group leaders; docker: containers' main process). */
  pids: number[];
  rssMedian: number;
  rssMax: number;
  anonMedian: number;
  /** Sum of the agent servers' PSS: what they take together, shared pages counted once. */
  pssTotal: number;
  /** docker only: the engine's per-container figure (cgroup usage without page cache). */
  cgroupMedian?: number;
}

/** Local runtimes under `root`, found through their ownership records (`.owned/*.json` pid). */
export async function localMemory(root: string): Promise<MemoryFigures> {
  const pids = (await ownedProcesses(root)).map((record) => record.pid);
  return { pids, ...figures(await settled(pids)) };
}

/** Containers with this owner label; the agent server is each container's main process. */
export async function dockerMemory(owner: string): Promise<MemoryFigures> {
  const containers = await ownedContainers(owner);
  const pids = await containerPids(containers);
  const memory = figures(await settled(pids));
  const cgroup = await containerMemoryMb(containers);
  return { pids, ...memory, cgroupMedian: summarize(cgroup).median };
}

function figures(memory: readonly ProcessMemory[]) {
  const rss = summarize(memory.map((m) => m.rss));
  return {
    rssMedian: rss.median,
    rssMax: rss.max,
    anonMedian: summarize(memory.map((m) => m.anon)).median,
    pssTotal: memory.reduce((sum, m) => sum + m.pss, 0),
  };
}

/**
 * Readings once their sum is steady (two readings 1 s apart within 1%, at most 20 s): the last
 * runtimes to boot are still growing and trimming their heaps right after their start.
 */
async function settled(pids: readonly number[]): Promise<ProcessMemory[]> {
  const read = () => Promise.all(pids.map(processMemoryMb));
  const sum = (values: readonly ProcessMemory[]) => values.reduce((a, m) => a + m.rss, 0);
  let previous = await read();
  for (let i = 0; i < 20; i += 1) {
    await new Promise((done) => setTimeout(done, 1_000));
    const current = await read();
    if (Math.abs(sum(current) - sum(previous)) <= 0.01 * sum(previous)) return current;
    previous = current;
  }
  return previous;
}
