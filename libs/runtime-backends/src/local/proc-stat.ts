import { readFile } from 'node:fs/promises';

/** What /proc/<pid>/stat says about a process: its state letter and its start time in ticks. */
export interface ProcStat {
  /** R, S, D, T (stopped, i.e. paused), Z (zombie), ... */
  state: string;
  /** Field 22; with the pid it identifies a process even after pid reuse. */
  startTime: string;
}

/** Reads /proc/<pid>/stat; undefined when the process does not exist. */
export async function readProcStat(pid: number): Promise<ProcStat | undefined> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may contain spaces and parentheses; fields after the last ')' do not.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTime = fields[19];
  return state && startTime ? { state, startTime } : undefined;
}

/** The process if it is still the one started at `startTime` and not a zombie. */
export async function liveProcess(pid: number, startTime: string): Promise<ProcStat | undefined> {
  const stat = await readProcStat(pid);
  return stat && stat.startTime === startTime && stat.state !== 'Z' ? stat : undefined;
}
