import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Resident memory of one process in MB. */
export interface ProcessMemory {
  /** VmRSS: all resident pages, including file pages (node's binary) other processes share. */
  rss: number;
  /** RssAnon: the process's own heap and stacks. */
  anon: number;
  /** Pss: resident memory with shared pages split among their users; sums to a true total. */
  pss: number;
}

/** From /proc (Linux); NaN when the process is gone. */
export async function processMemoryMb(pid: number): Promise<ProcessMemory> {
  const [status, rollup] = await Promise.all(
    ['status', 'smaps_rollup'].map((file) =>
      readFile(`/proc/${pid}/${file}`, 'utf8').catch(() => ''),
    ),
  );
  return {
    rss: kbField(status ?? '', 'VmRSS') / 1024,
    anon: kbField(status ?? '', 'RssAnon') / 1024,
    pss: kbField(rollup ?? '', 'Pss') / 1024,
  };
}

/** Memory in use on the host in MB: MemTotal - MemAvailable (what the kernel could not free). */
export async function hostUsedMb(): Promise<number> {
  const info = await readFile('/proc/meminfo', 'utf8');
  return (kbField(info, 'MemTotal') - kbField(info, 'MemAvailable')) / 1024;
}

/** Host pid of each container's main process (the agent server: the image's CMD is node). */
export async function containerPids(ids: readonly string[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const { stdout } = await run('docker', ['inspect', '--format', '{{.State.Pid}}', ...ids]);
  return stdout.split('\n').filter(Boolean).map(Number);
}

/**
 * Memory of each container as the engine accounts it (`docker stats`: its cgroup's usage minus
 * page cache), in MB; covers every process in the container, not only the agent server.
 */
export async function containerMemoryMb(ids: readonly string[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const { stdout } = await run(
    'docker',
    ['stats', '--no-stream', '--format', '{{.MemUsage}}', ...ids],
    { timeout: 60_000 },
  );
  return stdout.split('\n').filter(Boolean).map(parseSize);
}

/** `Name:   1234 kB` lines of /proc files; NaN when missing. */
function kbField(text: string, name: string): number {
  return Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? Number.NaN);
}

const UNITS: Record<string, number> = {
  B: 1 / 1024 ** 2,
  KiB: 1 / 1024,
  kB: 1 / 1024,
  MiB: 1,
  MB: 1,
  GiB: 1024,
  GB: 1024,
};

/** `45.3MiB / 2GiB` -> 45.3 */
function parseSize(usage: string): number {
  const match = /^([\d.]+)\s*([A-Za-z]+)/.exec(usage.trim());
  return Number(match?.[1] ?? Number.NaN) * (UNITS[match?.[2] ?? ''] ?? Number.NaN);
}
