import { readFile, readdir } from 'node:fs/promises';

/**
 * Live processes (zombies excluded) whose environment holds `entry` (`NAME=value`). Every
 * process Chromium starts inherits its environment, including the crash handler, which
 * detaches from the process tree, so this finds what a parent-child walk would miss.
 */
export async function processesWithEnv(entry: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const found = await Promise.all(pids.map(async (pid) => ((await holds(pid, entry)) ? pid : '')));
  return found.filter((pid) => pid !== '').map(Number);
}

async function holds(pid: string, entry: string): Promise<boolean> {
  try {
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8');
    if (!environ.split('\0').includes(entry)) return false;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false; // gone meanwhile, or not ours to read
  }
}
