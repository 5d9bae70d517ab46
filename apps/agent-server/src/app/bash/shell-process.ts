import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { terminateGroup } from './process-group';

/** What to run: `bash -c <command>` in `cwd` with exactly `env`. */
export interface ShellSpec {
  command: string;
  cwd: string;
  env: Record<string, string>;
}

/** Where a running shell's output goes, as raw bytes in arrival order per stream. */
export interface ShellSink {
  stdout(bytes: Buffer): void;
  stderr(bytes: Buffer): void;
}

/** How a shell ended: its exit status (128 + n when killed by signal n), or why it never ran. */
export type ShellResult = { kind: 'exited'; exitCode: number } | { kind: 'failed'; detail: string };

/** A started shell; it leads its own process group, so signals reach everything it started. */
export interface ShellHandle {
  /** Settles once the shell exited and its output was read (never rejects). */
  readonly finished: Promise<ShellResult>;
  /** SIGTERM to the whole group, then SIGKILL if any member is left after `graceMs`. */
  terminate(graceMs: number): Promise<void>;
}

/**
 * How long output pipes may stay open after the shell exited. A background job (`server &`)
 * inherits them; waiting for it would hold the command open until its timeout.
 */
const PIPE_GRACE_MS = 200;

/**
 * Starts `bash -c`, not `bash -lc`: a login shell would source /etc/profile, which on Debian
 * resets PATH and would override the environment the runtime was given.
 */
export function startShell(spec: ShellSpec, sink: ShellSink): ShellHandle {
  const child = spawn('bash', ['-c', spec.command], {
    cwd: spec.cwd,
    env: spec.env,
    detached: true, // own process group: a timeout can kill the command's whole tree
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (bytes: Buffer) => sink.stdout(bytes));
  child.stderr.on('data', (bytes: Buffer) => sink.stderr(bytes));
  const finished = new Promise<ShellResult>((resolve) => {
    child.once('error', (error) => resolve({ kind: 'failed', detail: error.message }));
    child.once('exit', (code, signal) => {
      const cut = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, PIPE_GRACE_MS);
      child.once('close', () => {
        clearTimeout(cut);
        resolve({ kind: 'exited', exitCode: exitCodeOf(code, signal) });
      });
    });
  });
  const group = child.pid;
  return {
    finished,
    terminate: (graceMs) =>
      group === undefined ? Promise.resolve() : terminateGroup(group, graceMs),
  };
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
}
