import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { RuntimeBackendError } from '../runtime-backend-error';
import { pollUntil } from './poll';

/** How a process ended: its exit code, or the signal that killed it. */
export type ExitListener = (
  pid: number,
  code: number | null,
  signal: NodeJS.Signals | null,
) => void;

/** What a runtime's process group is started with. */
export interface GroupSpawn {
  argv: readonly string[];
  cwd: string;
  env: Record<string, string>;
  /** Output (stdout and stderr) is appended here. */
  logFile: string;
  ids: { uid?: number; gid?: number };
  /** Called if the leader ends while this process still runs (it is the leader's parent). */
  onExit: ExitListener;
}

/** Starts argv as the leader of a new session and process group; resolves with its pid. */
export async function spawnGroup(group: GroupSpawn): Promise<number> {
  const [file, ...args] = group.argv;
  if (!file) throw new RuntimeBackendError('invalid_spec', 'the runtime command is empty');
  const log = openSync(group.logFile, 'a');
  try {
    const { cwd, env, ids } = group;
    const child = spawn(file, args, {
      cwd,
      env,
      ...ids,
      detached: true,
      stdio: ['ignore', log, log],
    });
    // The runtime outlives this handle (the caller may restart); do not keep the loop alive.
    child.unref();
    return await new Promise<number>((resolve, reject) => {
      child.once('spawn', () => {
        const pid = child.pid ?? -1;
        child.once('exit', (code, signal) => group.onExit(pid, code, signal));
        resolve(pid);
      });
      child.once('error', (error) =>
        reject(new RuntimeBackendError('start_failed', `cannot start ${file}: ${error.message}`)),
      );
    });
  } finally {
    closeSync(log);
  }
}

/** Sends `signal` to every process in group `pgid`; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once no process of the group is left. */
export async function killGroup(pgid: number, graceMs: number, intervalMs: number): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  // A paused group only acts on SIGTERM once continued.
  signalGroup(pgid, 'SIGCONT');
  const gone = () => !signalGroup(pgid, 0);
  if (await pollUntil(gone, graceMs, intervalMs)) return;
  signalGroup(pgid, 'SIGKILL');
  if (!(await pollUntil(gone, 5_000, intervalMs))) {
    throw new RuntimeBackendError('backend_unavailable', `process group ${pgid} survived SIGKILL`);
  }
}
