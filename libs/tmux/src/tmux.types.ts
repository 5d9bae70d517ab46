/** How a {@link TmuxService} reaches tmux and where it keeps its per-session files. */
export interface TmuxServiceOptions {
  /** `tmux -L <socketName>`: a private tmux server, never the user's own. */
  socketName: string;
  /** Per-session files (shell rc, output log, command scripts); default under the OS temp dir. */
  stateDir?: string;
  /** Default `tmux` (looked up on PATH). */
  tmuxBinary?: string;
  /** The interactive shell sessions run; default `/bin/bash` (run with `--noediting`). */
  shell?: string;
  /** How often a running command's output is polled; default 50 ms. */
  pollIntervalMs?: number;
  /** After Ctrl-C on timeout, how long the command gets to stop before it is killed; default 2 s. */
  interruptGraceMs?: number;
  /** How long a shell may take to answer after an interrupt before it is given up; default 10 s. */
  probeTimeoutMs?: number;
  /** Output kept per command (head and tail halves; the middle is dropped); default 8 MiB. */
  maxOutputBytes?: number;
  /** Milliseconds clock, for timeouts. */
  clock?: () => number;
}

/** A session to create. */
export interface TmuxSessionSpec {
  /** Letters, digits, `_` and `-`, at most 64 characters. */
  name: string;
  /** Absolute start directory; must exist. */
  cwd: string;
  /** The session's complete environment (nothing else is inherited). */
  env?: Readonly<Record<string, string>>;
  cols?: number;
  rows?: number;
  /** Run this program instead of an interactive shell (CLI agents); `run` is then refused. */
  command?: readonly string[];
}

export interface TmuxRunOptions {
  /** After this the command is interrupted (Ctrl-C, then its processes are killed). */
  timeoutMs: number;
  /** Aborting interrupts the command the same way, then `run` rejects with the abort reason. */
  signal?: AbortSignal;
}

/** What one command did. */
export interface TmuxRunResult {
  /** Everything the command wrote to the terminal, escape sequences removed, `\n` line ends. */
  output: string;
  /** `$?` after the command (130/137 after an interrupt); -1 when the shell gave no answer. */
  exitCode: number;
  timedOut: boolean;
  /** The shell's `$PWD` after the command. */
  cwd: string;
  /** The shell ended (e.g. `exit`); the session is gone and must be created again. */
  shellExited: boolean;
}

/** A session on the service's tmux socket. */
export interface TmuxSessionInfo {
  name: string;
  createdAt: Date;
  attached: boolean;
}
