import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { LiveSession } from './live-session';
import { paneTarget } from './pane-io';
import { runCommand } from './run-command';
import type { RunSettings } from './run-settings';
import { type SessionFiles, startupScript } from './session-files';
import { shellQuote } from './shell-quote';
import type { TmuxCli } from './tmux-cli';
import { ignoreGone, TmuxError } from './tmux-error';
import type { TmuxSessionSpec } from './tmux.types';

const DEFAULT_SIZE = { cols: 200, rows: 50 };
const ENV = '/usr/bin/env';

/**
 * Starts a session whose pane runs `env -i <shell> --rcfile <rc> --noediting -i`: `env -i` so
 * the pane inherits nothing from the tmux server (whose environment is whoever started it), the
 * rc file to set exactly the requested environment without putting secrets on a command line,
 * and `--noediting` so there is no readline, whose echo `stty -echo` could not turn off.
 * `pipe-pane` copies every byte the pane prints to the log that `run` reads, and
 * `remain-on-exit` keeps a pane whose shell exited so its exit status can still be read.
 */
export async function launchSession(
  cli: TmuxCli,
  spec: TmuxSessionSpec,
  files: SessionFiles,
  shell: string,
  settings: RunSettings,
): Promise<LiveSession> {
  await assertDirectory(spec.cwd);
  // Checked before touching files: they may belong to the live session of that name.
  if (await cli.exec(['has-session', '-t', `=${spec.name}`]).then(() => true, ignoreGone)) {
    throw new TmuxError('exists', `tmux session "${spec.name}" already exists`);
  }
  await rm(files.dir, { recursive: true, force: true });
  await mkdir(files.dir, { recursive: true, mode: 0o700 });
  await writeFile(files.rc, startupScript(spec, files), { mode: 0o600 });
  await writeFile(files.log, '', { mode: 0o600 });
  const out = await cli.exec(newSessionArgs(spec, files, shell));
  const session = new LiveSession(
    spec.name,
    files,
    Number(out.trim()),
    !spec.command,
    spec.cwd,
    cli,
  );
  if (session.isShell) await handshake(cli, session, settings);
  return session;
}

function newSessionArgs(spec: TmuxSessionSpec, files: SessionFiles, shell: string): string[] {
  const { cols, rows } = { ...DEFAULT_SIZE, ...spec };
  const size = ['-x', String(cols), '-y', String(rows)];
  const options = ['-d', '-P', '-F', '#{pane_pid}', '-s', spec.name, '-c', spec.cwd, ...size];
  const shellArgv = [ENV, '-i', shell, '--noprofile', '--rcfile', files.rc, '--noediting', '-i'];
  const keepDeadPane = ['set-option', '-t', paneTarget(spec.name), 'remain-on-exit', 'on'];
  const copyOutput = ['pipe-pane', '-t', paneTarget(spec.name), `cat >> ${shellQuote(files.log)}`];
  return [
    ...['new-session', ...options, '--', ...shellArgv],
    ...[';', ...keepDeadPane],
    ...(spec.command ? [] : [';', ...copyOutput]),
  ];
}

/** Waits for the shell's first marker, so a session is only handed out once it answers. */
async function handshake(cli: TmuxCli, session: LiveSession, settings: RunSettings) {
  const result = await runCommand(
    session,
    'true',
    { timeoutMs: settings.probeTimeoutMs },
    settings,
  );
  await rm(session.files.rc, { force: true });
  if (result.shellExited || result.timedOut) {
    await cli.exec(['kill-session', '-t', `=${session.name}`]).catch(() => undefined);
    await rm(session.files.dir, { recursive: true, force: true });
    throw new TmuxError('failed', `the shell in tmux session "${session.name}" did not start`);
  }
  session.cwd = result.cwd;
}

async function assertDirectory(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new TmuxError('invalid', `working directory "${path}" does not exist`);
  }
}
