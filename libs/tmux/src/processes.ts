import { readdir, readFile } from 'node:fs/promises';

/** The ids of a Linux process that matter for stopping a command. */
export interface ProcessIds {
  pid: number;
  pgid: number;
  /** Session id: every process a tmux pane's shell starts keeps it, even when re-parented. */
  sid: number;
  /** Foreground process group of the process's terminal. */
  tpgid: number;
}

/**
 * Parses `/proc/<pid>/stat` (the command name in parentheses may itself hold spaces or `)`).
 * A zombie counts as gone: whoever reaps it (often a container's PID 1) may take its time, or
 * never do it.
 */
export function parseStat(pid: number, stat: string): ProcessIds | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state, ppid, pgrp, session, tty_nr, tpgid.
  if (fields[0] === 'Z') return undefined;
  const [pgid, sid, tpgid] = [fields[2], fields[3], fields[5]].map(Number);
  if (pgid === undefined || sid === undefined || tpgid === undefined || Number.isNaN(sid)) {
    return undefined;
  }
  return { pid, pgid, sid, tpgid };
}

/** A live process's ids; undefined once it has exited. */
export async function readProcess(pid: number): Promise<ProcessIds | undefined> {
  try {
    return parseStat(pid, await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined; // gone
  }
}

/** Every live process in session `sid` (a pane's shell is its session's leader: sid = its pid). */
export async function processesInSession(sid: number): Promise<ProcessIds[]> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number);
  const all = await Promise.all(pids.map(readProcess));
  return all.filter((process): process is ProcessIds => process?.sid === sid);
}

/** True when the shell owns its terminal again, i.e. no child job is in the foreground. */
export async function shellInForeground(shellPid: number): Promise<boolean> {
  const shell = await readProcess(shellPid);
  return shell === undefined || shell.tpgid === shell.pgid;
}

/** SIGKILLs each pid, ignoring ones that are already gone. */
export function killProcesses(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already exited: nothing to do.
    }
  }
}
