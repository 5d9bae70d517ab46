import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { DRIVER_SOURCE, REQUEST_FD, RESULT_FD } from './python-driver';

/** What a cell produced, as the driver reported it. */
export interface DriverResult {
  output: string;
  /** Bytes of output between the head and tail that were not read back. */
  dropped: number;
  /** The name of the exception the cell raised, or null. */
  exception: string | null;
}

/** How a cell ended: a result, or the interpreter exited (crashed or was killed) first. */
export type CellEnd = { result: DriverResult } | { exited: string };

export interface CellRequest {
  code: string;
  limit: number;
  envSet: Record<string, string>;
  envUnset: string[];
}

export interface PythonLaunch {
  python: string;
  cwd: string;
  env: Readonly<Record<string, string>>;
}

/** Error text of the interpreter kept for when it dies (a driver crash writes there). */
const STDERR_KEPT = 4096;

/**
 * One python3 process running the REPL driver, in its own process group so an interrupt or a
 * kill reaches the programs a cell started too. One cell at a time (the caller serializes).
 */
export class PythonProcess {
  private readonly pendingResults: ((end: CellEnd) => void)[] = [];
  private stderr = '';
  private exitReason: string | undefined;

  private constructor(private readonly child: ChildProcess) {
    const results = child.stdio[RESULT_FD] as Readable;
    createInterface({ input: results }).on('line', (line) => this.settle({ result: parse(line) }));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_KEPT);
    });
    child.once('exit', (code, signal) => {
      const how = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
      this.exitReason = `${how}${this.stderr ? `: ${this.stderr.trim()}` : ''}`;
      while (this.pendingResults.length > 0) this.settle({ exited: this.exitReason });
    });
  }

  /** Starts the interpreter; rejects (ENOENT) when the python binary is not found. */
  static start(launch: PythonLaunch): Promise<PythonProcess> {
    const child = spawn(launch.python, ['-u', '-c', DRIVER_SOURCE], {
      cwd: launch.cwd,
      env: { ...launch.env },
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve(new PythonProcess(child)));
    });
  }

  get alive(): boolean {
    return this.exitReason === undefined;
  }

  /** Sends one cell; resolves when the driver answers or the process exits. */
  run(request: CellRequest): Promise<CellEnd> {
    if (this.exitReason !== undefined) return Promise.resolve({ exited: this.exitReason });
    const end = new Promise<CellEnd>((resolve) => this.pendingResults.push(resolve));
    const line = JSON.stringify({
      code: request.code,
      limit: request.limit,
      env_set: request.envSet,
      env_unset: request.envUnset,
    });
    // A write to an exited process fails; the exit handler already answers the cell.
    (this.child.stdio[REQUEST_FD] as Writable).on('error', () => undefined).write(`${line}\n`);
    return end;
  }

  /** Ctrl-C for the whole group: the cell gets KeyboardInterrupt, its programs SIGINT. */
  interrupt(): void {
    this.signalGroup('SIGINT');
  }

  /** Kills the interpreter and everything it started; resolves once it has exited. */
  async kill(): Promise<void> {
    if (this.exitReason !== undefined) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.signalGroup('SIGKILL');
    await exited;
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined || this.exitReason !== undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  }

  private settle(end: CellEnd): void {
    this.pendingResults.shift()?.(end);
  }
}

/** The driver only writes JSON lines; anything else is reported rather than thrown in a listener. */
function parse(line: string): DriverResult {
  let value: Partial<DriverResult>;
  try {
    value = JSON.parse(line) as Partial<DriverResult>;
  } catch {
    return {
      output: `[unreadable answer from the interpreter: ${line.slice(0, 200)}]`,
      dropped: 0,
      exception: null,
    };
  }
  return {
    output: typeof value.output === 'string' ? value.output : '',
    dropped: typeof value.dropped === 'number' ? value.dropped : 0,
    exception: typeof value.exception === 'string' ? value.exception : null,
  };
}
