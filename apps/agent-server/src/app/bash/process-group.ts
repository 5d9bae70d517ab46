import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

const POLL_MS = 50;

/** SIGTERM to every process of the group, then SIGKILL if any is still running after `graceMs`. */
export async function terminateGroup(group: number, graceMs: number): Promise<void> {
  if (!signalGroup(group, 'SIGTERM')) return;
  for (let waited = 0; waited < graceMs; waited += POLL_MS) {
    await delay(POLL_MS);
    if (!(await groupRunning(group))) return;
  }
  signalGroup(group, 'SIGKILL');
}

/**
 * Whether a process of the group still runs. Zombies do not count: killed background jobs are
 * orphans that only init can reap, and a slow (or missing) init must not look like a survivor.
 * Without procfs, any member counts.
 */
export async function groupRunning(group: number): Promise<boolean> {
  if (!signalGroup(group, 0)) return false;
  const entries = await readdir('/proc').catch(() => undefined);
  if (!entries) return true;
  for (const pid of entries.filter((entry) => /^\d+$/.test(entry))) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so parse after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === group && state !== 'Z') return true;
  }
  return false;
}

/**
 * Signals every process of the group; false once the group has no members left. EPERM (a member
 * that became setuid) still means members are left, so it counts as true rather than failing.
 */
function signalGroup(group: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-group, signal);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
