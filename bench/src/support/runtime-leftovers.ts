import { LABELS } from '@agentrt/runtime-backends';
import { execFile } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
// Plain ioredis: @agentrt/redis brings Nest decorators, which tsx (the bench runner) cannot compile.
import Redis from 'ioredis';

const run = promisify(execFile);

/** The fields of a local backend ownership record (`<root>/.owned/<id>.json`) the bench reads. */
export interface OwnedProcess {
  runtimeId: string;
  /** Process group leader: the agent server itself (the starter execs it, keeping the pid). */
  pid: number;
}

/** Local runtimes that still have an ownership record under `root`. */
export async function ownedProcesses(root: string): Promise<OwnedProcess[]> {
  const dir = join(root, '.owned');
  // `<id>.json` only: the backend keeps each runtime's events beside it as `<id>.events.jsonl`.
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) =>
    name.endsWith('.json'),
  );
  const records = await Promise.all(
    names.map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as OwnedProcess),
  );
  return records.filter((record) => typeof record.pid === 'number');
}

/** Containers (running or not) carrying this owner label. */
export async function ownedContainers(owner: string): Promise<string[]> {
  const { stdout } = await run('docker', [
    'ps',
    '-aq',
    '--filter',
    `label=${LABELS.owner}=${owner}`,
  ]);
  return stdout.split('\n').filter(Boolean);
}

/** Workspace volumes carrying this owner label. */
export async function ownedVolumes(owner: string): Promise<string[]> {
  const { stdout } = await run('docker', [
    'volume',
    'ls',
    '-q',
    '--filter',
    `label=${LABELS.owner}=${owner}`,
  ]);
  return stdout.split('\n').filter(Boolean);
}

/** Processes whose process group is one of `leaders` (a runtime's agent server and its shells). */
export async function processesInGroups(leaders: readonly number[]): Promise<number> {
  if (leaders.length === 0) return 0;
  const wanted = new Set(leaders);
  const { stdout } = await run('ps', ['-eo', 'pgid=']);
  return stdout.split('\n').filter((line) => wanted.has(Number(line.trim()))).length;
}

/**
 * Removes what a bench deployment may have left: containers and volumes with its owner label,
 * local process groups and tmux servers from its ownership records, its root, its Redis keys.
 * Runs after runtime-api is gone (warm-pool runtimes are never listed, so /stop cannot reach
 * them), and after a failed run; every step tolerates things already gone.
 */
export async function removeLeftovers(deployment: {
  owner: string;
  root: string;
  redisUrl: string;
}): Promise<void> {
  const containers = await ownedContainers(deployment.owner).catch(() => []);
  if (containers.length > 0)
    await run('docker', ['rm', '-f', '-v', ...containers]).catch(() => undefined);
  const volumes = await ownedVolumes(deployment.owner).catch(() => []);
  if (volumes.length > 0) await run('docker', ['volume', 'rm', ...volumes]).catch(() => undefined);
  for (const record of await ownedProcesses(deployment.root).catch(() => [])) {
    try {
      process.kill(-record.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await run('tmux', ['-L', `agentrt-${record.runtimeId}`, 'kill-server']).catch(() => undefined);
  }
  await rm(deployment.root, { recursive: true, force: true });
  await deleteKeys(deployment.redisUrl, `${deployment.owner}:*`);
}

/** SCAN + DEL of one prefix; bounded by a cursor guard in case the keyspace keeps growing. */
async function deleteKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl, { connectionName: 'bench-cleanup', maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    for (let guard = 0; guard < 10_000; guard += 1) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
      if (cursor === '0') return;
    }
  } finally {
    redis.disconnect();
  }
}
