import { rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchSession } from './launch-session';
import type { LiveSession } from './live-session';
import { removePath, waitForExit } from './process-exit';
import { runCommand } from './run-command';
import { type RunSettings, runSettings } from './run-settings';
import { assertSessionName, sessionFiles } from './session-files';
import { TmuxCli } from './tmux-cli';
import { ignoreGone, TmuxError } from './tmux-error';
import { TmuxSocket } from './tmux-socket';
import type {
  TmuxRunOptions,
  TmuxRunResult,
  TmuxServiceOptions,
  TmuxSessionSpec,
} from './tmux.types';

/**
 * Persistent shells (and programs) in tmux sessions on a private socket (`tmux -L`), so tests and
 * servers never touch anyone's own tmux. `run` executes one command at a time per session and
 * returns its complete output, exit code and working directory.
 */
export class TmuxService extends TmuxSocket {
  private readonly settings: RunSettings;
  private readonly stateDir: string;
  private readonly shell: string;
  private readonly sessions = new Map<string, LiveSession>();
  /** Per session, the tail of its queue of runs: one command at a time per shell. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(options: TmuxServiceOptions) {
    super(new TmuxCli(options.tmuxBinary ?? 'tmux', options.socketName));
    this.stateDir = options.stateDir ?? join(tmpdir(), `agentrt-tmux-${options.socketName}`);
    this.shell = options.shell ?? '/bin/bash';
    this.settings = runSettings(options);
  }

  /** Starts a session; fails if one with that name exists on the socket. */
  async create(spec: TmuxSessionSpec): Promise<void> {
    assertSessionName(spec.name);
    const files = sessionFiles(this.stateDir, spec.name);
    const session = await launchSession(this.cli, spec, files, this.shell, this.settings);
    this.sessions.set(spec.name, session);
    await this.socketPath(); // learnt while the server is surely up, for `killAll`
  }

  /** Runs `command` in a shell session created by this service, after any earlier runs. */
  run(name: string, command: string, options: TmuxRunOptions): Promise<TmuxRunResult> {
    const session = this.sessions.get(name);
    if (!session?.isShell) {
      return Promise.reject(new TmuxError('no_session', `no shell session "${name}" here`));
    }
    const previous = this.queues.get(name) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.runNow(session, command, options));
    this.queues.set(name, next);
    return next;
  }

  /** Ends a session (a command running in it finishes as `shellExited`); absent is fine. */
  async kill(name: string): Promise<void> {
    assertSessionName(name);
    const session = this.sessions.get(name);
    this.sessions.delete(name);
    this.queues.delete(name);
    await this.cli.exec(['kill-session', '-t', `=${name}`]).catch(ignoreGone);
    // The shell's EXIT trap still writes into the directory: let it finish first.
    if (session) await waitForExit(session.shellPid, this.settings);
    await removePath(sessionFiles(this.stateDir, name).dir);
  }

  /**
   * Ends the sessions this service created (for shutdown; other servers' sessions stay). Its
   * session-file folder goes once empty, and the socket file once no session is left on the
   * socket (tmux exits then but leaves the file), so a server that shut down leaves nothing in
   * the temp folder (one folder and one socket per local runtime otherwise, never cleaned).
   */
  async dispose(): Promise<void> {
    // Asked first: only a running server knows it, and the last kill may end the server.
    const socket = await this.socketPath();
    await Promise.all([...this.sessions.keys()].map((name) => this.kill(name)));
    // rmdir refuses a folder that still holds another service's session files.
    await rmdir(this.stateDir).catch(() => undefined);
    if (socket && (await this.list()).length === 0) await removePath(socket);
  }

  /** Stops the whole tmux server on this socket and removes its socket and session files (tests). */
  async killAll(): Promise<void> {
    const shells = [...this.sessions.values()].map((session) => session.shellPid);
    this.sessions.clear();
    this.queues.clear();
    const socket = await this.socketPath();
    await this.cli.exec(['kill-server']).catch(ignoreGone);
    // tmux leaves its socket file behind, also when its server exits because no session is left.
    if (socket) await removePath(socket);
    await Promise.all(shells.map((pid) => waitForExit(pid, this.settings)));
    await removePath(this.stateDir);
  }

  private async runNow(session: LiveSession, command: string, options: TmuxRunOptions) {
    const result = await runCommand(session, command, options, this.settings);
    session.cwd = result.cwd;
    // Only if still current: a reset may already have put a new session under this name.
    if (result.shellExited && this.sessions.get(session.name) === session) {
      await this.kill(session.name);
    }
    return result;
  }
}
