import { join } from 'node:path';
import { shellQuote } from './shell-quote';
import type { TmuxSessionSpec } from './tmux.types';
import { TmuxError } from './tmux-error';

const SESSION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where one session keeps its files (a private directory per session). */
export interface SessionFiles {
  dir: string;
  /** Startup script: environment and shell settings; deleted once read (it may hold secrets). */
  rc: string;
  /** Everything the pane prints, appended by `pipe-pane`. */
  log: string;
  /** The command being run, sourced by the shell. */
  script: string;
  /** Written by the shell's EXIT trap: tmux's own `pane_dead_status` is not reliably set. */
  exitStatus: string;
}

export function assertSessionName(name: string): void {
  if (!SESSION_NAME.test(name)) {
    throw new TmuxError('invalid', `invalid tmux session name "${name}": use [A-Za-z0-9_-]{1,64}`);
  }
}

export function sessionFiles(stateDir: string, name: string): SessionFiles {
  const dir = join(stateDir, name);
  return {
    dir,
    rc: join(dir, 'rc.sh'),
    log: join(dir, 'output.log'),
    script: join(dir, 'command.sh'),
    exitStatus: join(dir, 'exit-status'),
  };
}

/**
 * The startup script of a session's bash (started under `env -i`, so this is its whole
 * environment). A shell session gets no prompt and no echo, so the terminal shows only what
 * commands print; a program session `exec`s the program. Names that bash cannot export are
 * skipped.
 */
export function startupScript(spec: TmuxSessionSpec, files: SessionFiles): string {
  const exports = Object.entries(spec.env ?? {})
    .filter(([name]) => VARIABLE_NAME.test(name) && name !== 'TERM')
    .map(([name, value]) => `export ${name}=${shellQuote(value)}`);
  const lines = [
    ...exports,
    // tmux's terminal understands screen's terminfo, which every system has.
    `export TERM=screen`,
    `command rm -f -- ${shellQuote(files.rc)}`,
    ...(spec.command
      ? [`exec ${spec.command.map(shellQuote).join(' ')}`]
      : [
          `PS1=''; PS2=''; PS0=''; PROMPT_COMMAND=''`,
          'unset HISTFILE',
          'command stty -echo 2>/dev/null',
          `trap ${shellQuote(`builtin printf %s "$?" > ${shellQuote(files.exitStatus)}`)} EXIT`,
        ]),
  ];
  return `${lines.join('\n')}\n`;
}
