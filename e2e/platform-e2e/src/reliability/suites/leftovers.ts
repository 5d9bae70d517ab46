import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { processAlive, redisCli } from '../../runtime-api/runtime-api.harness';

/** What a local-backend deployment still holds on this machine once every runtime is stopped. */
export interface LocalLeftovers {
  /** Live processes working in, or pointed by their environment at, a path under the root. */
  processes: number;
  /** tmux servers still answering on a stopped runtime's socket (`tmux -L agentrt-<id>`). */
  tmuxServers: number;
  /** Their socket files (tmux 3.3 leaves the file when its server exits). */
  tmuxSockets: number;
  /** Runtime workspaces (`<root>/<id>`) still on disk. */
  workspaces: number;
  /** Ownership records (`<root>/.owned/<id>.json`) still on disk. */
  ownedRecords: number;
  /** An agent server's tmux and CLI-agent state folders (`/tmp/agentrt-{tmux,cli-agents}-*`). */
  tempDirs: number;
}

export async function localLeftovers(root: string, runtimeIds: string[]): Promise<LocalLeftovers> {
  const entries = await readdir(root).catch(() => [] as string[]);
  const owned = await readdir(join(root, '.owned')).catch(() => [] as string[]);
  return {
    processes: (await processesUnder(root)).length,
    tmuxServers: liveTmuxServers(runtimeIds).length,
    tmuxSockets: tmuxSocketFiles(runtimeIds).length,
    workspaces: entries.filter((name) => name !== '.owned').length,
    ownedRecords: owned.filter((name) => name.endsWith('.json')).length,
    tempDirs: runtimeIds.flatMap(tempDirsOf).filter((dir) => existsSync(dir)).length,
  };
}

/**
 * Pids of live processes whose working directory is under `root` or whose environment holds a
 * path under it. Agent servers run in their workspace with WORKSPACE_DIR and HOME there; what
 * they start (tmux servers, CLI agents, commands) inherits HOME even when it changes directory.
 * runtime-api itself only holds the root (LOCAL_RUNTIME_ROOT), never a path below it.
 */
export async function processesUnder(root: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const inside = (value: string) => value.startsWith(`${root}/`);
  const matches = await Promise.all(
    pids.map(async (pid) => {
      if (pid === process.pid || !(await processAlive(pid))) return undefined;
      const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
      const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
      const env = environ.split('\0').map((entry) => entry.slice(entry.indexOf('=') + 1));
      return inside(cwd) || env.some(inside) ? pid : undefined;
    }),
  );
  return matches.filter((pid): pid is number => pid !== undefined);
}

/**
 * Where an agent server keeps tmux session files: under the OS temp folder, which is /tmp for
 * runtimes (the e2e harness passes no TMPDIR to runtime-api, so its runtimes get none either).
 */
function tempDirsOf(runtimeId: string): string[] {
  const socket = `agentrt-${runtimeId}`;
  return [`/tmp/agentrt-tmux-${socket}`, `/tmp/agentrt-cli-agents-${socket}`];
}

/** The runtimes (of `runtimeIds`) whose own tmux server still answers. */
export function liveTmuxServers(runtimeIds: string[]): string[] {
  return runtimeIds.filter((id) => {
    // No socket file, no server: skips a process spawn for nearly every runtime.
    if (!existsSync(tmuxSocketPath(id))) return false;
    const result = spawnSync('tmux', ['-L', `agentrt-${id}`, 'list-sessions'], {
      stdio: 'ignore',
      timeout: 5_000,
    });
    return result.status === 0;
  });
}

/** Socket files tmux (3.3) leaves behind when its server exits; not a running session. */
export function tmuxSocketFiles(runtimeIds: string[]): string[] {
  return runtimeIds.filter((id) => existsSync(tmuxSocketPath(id)));
}

/** Cleanup after a test: what these runtimes may have left in /tmp (sockets, state folders). */
export function removeTempLeftovers(runtimeIds: string[]): void {
  for (const id of runtimeIds) {
    for (const path of [tmuxSocketPath(id), ...tempDirsOf(id)]) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

function tmuxSocketPath(runtimeId: string): string {
  const uid = process.getuid?.() ?? 0;
  return `/tmp/tmux-${uid}/agentrt-${runtimeId}`;
}

/** Runtime state in runtime-api's Redis (libs/runtime-state key layout) that means "alive". */
export interface LiveRuntimeState {
  /** Members of the `rt:live` set. */
  liveSet: number;
  /** Members of every `rt:owner:<key>` set (live runtimes per API key). */
  ownerSets: number;
  /** `rt:rec:<id>` records whose status is starting, running or paused. */
  liveRecords: number;
  /** `rt:session:<id>` pointers (deleted when a runtime stops; kept only for failed ones). */
  sessions: number;
  /** `rt:lock:*` lifecycle locks still held. */
  locks: number;
}

const LIVE_STATUSES = new Set(['starting', 'running', 'paused']);

export function liveRuntimeState(prefix: string): LiveRuntimeState {
  const scan = (pattern: string) =>
    redisCli('--scan', '--pattern', `${prefix}:${pattern}`).split('\n').filter(Boolean);
  const ownerSets = scan('rt:owner:*').reduce(
    (sum, key) => sum + Number(redisCli('SCARD', key)),
    0,
  );
  return {
    liveSet: Number(redisCli('SCARD', `${prefix}:rt:live`)),
    ownerSets,
    liveRecords: recordStatuses(scan('rt:rec:*')).filter((s) => LIVE_STATUSES.has(s)).length,
    sessions: scan('rt:session:*').length,
    locks: scan('rt:lock:*').length,
  };
}

/** Each record's `status`, read in batches of 100 keys. */
function recordStatuses(keys: string[]): string[] {
  const statuses: string[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    const values = redisCli('MGET', ...keys.slice(i, i + 100)).split('\n');
    for (const value of values.filter(Boolean)) {
      statuses.push((JSON.parse(value) as { status: string }).status);
    }
  }
  return statuses;
}

/** `3 processes, 0 workspaces, ...` for the `[Rn]` lines. */
export function formatCounts(counts: object): string {
  return Object.entries(counts)
    .map(([name, n]) => `${String(n)} ${name}`)
    .join(', ');
}

/** The same keys, every count 0: what `toEqual` compares leftovers with, so a diff names them. */
export function zeros<T extends object>(counts: T): Record<keyof T, number> {
  return Object.fromEntries(Object.keys(counts).map((name) => [name, 0])) as Record<
    keyof T,
    number
  >;
}
