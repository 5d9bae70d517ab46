import type { CellEnd, CellRequest, PythonProcess } from './python-process';

/** How long a cell has to stop after its interrupt before the interpreter is killed. */
export const INTERRUPT_GRACE_MS = 2000;

export interface CellRun {
  end: CellEnd;
  /** The cell ran past its timeout and was interrupted. */
  timedOut: boolean;
}

export interface CellLimits {
  timeoutMs: number;
  /** Aborted when the run is cancelled: the interpreter is killed at once. */
  signal: AbortSignal;
  graceMs?: number;
}

/**
 * Runs one cell with a timeout, as Ctrl-C would: past the timeout the cell is interrupted, and
 * if it has not stopped `graceMs` later (it swallowed the KeyboardInterrupt, or is stuck in C
 * code) the interpreter is killed, which the caller sees as `exited`.
 */
export async function runCell(
  python: PythonProcess,
  request: CellRequest,
  limits: CellLimits,
): Promise<CellRun> {
  let timedOut = false;
  const timers: NodeJS.Timeout[] = [];
  const kill = () => void python.kill();
  limits.signal.addEventListener('abort', kill);
  if (limits.signal.aborted) kill();
  timers.push(
    setTimeout(() => {
      timedOut = true;
      python.interrupt();
      timers.push(setTimeout(kill, limits.graceMs ?? INTERRUPT_GRACE_MS));
    }, limits.timeoutMs),
  );
  try {
    return { end: await python.run(request), timedOut };
  } finally {
    timers.forEach(clearTimeout);
    limits.signal.removeEventListener('abort', kill);
  }
}
