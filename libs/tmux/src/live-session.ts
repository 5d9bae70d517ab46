import { readFile } from 'node:fs/promises';
import { paneTarget } from './pane-io';
import type { SessionFiles } from './session-files';
import type { TmuxCli } from './tmux-cli';
import { isGone } from './tmux-error';

/** Whether a pane's first process still runs, has exited, or the session itself is gone. */
export type PaneState = 'alive' | 'dead' | 'gone';

/** A session this service created, and how to talk to its pane. */
export class LiveSession {
  constructor(
    readonly name: string,
    readonly files: SessionFiles,
    /** The pane's first process (the shell): its session leader, so its pid is the session id. */
    readonly shellPid: number,
    readonly isShell: boolean,
    /** The shell's working directory as of its last command. */
    public cwd: string,
    private readonly cli: TmuxCli,
  ) {}

  get paneTarget(): string {
    return paneTarget(this.name);
  }

  /** Types `line` and Enter; `line` must not end with `;` (tmux would take it as a separator). */
  async typeLine(line: string): Promise<void> {
    const target = this.paneTarget;
    await this.cli.exec([
      'send-keys',
      '-t',
      target,
      '-l',
      '--',
      line,
      ';',
      'send-keys',
      '-t',
      target,
      'Enter',
    ]);
  }

  async sendKey(key: string): Promise<void> {
    await this.cli.exec(['send-keys', '-t', this.paneTarget, key]);
  }

  async paneState(): Promise<PaneState> {
    try {
      const out = await this.cli.exec([
        'display-message',
        '-p',
        '-t',
        this.paneTarget,
        '#{pane_dead}',
      ]);
      return out.trim() === '1' ? 'dead' : 'alive';
    } catch (error) {
      if (isGone(error)) return 'gone';
      throw error;
    }
  }

  /** The status the shell exited with, if it exited through its EXIT trap. */
  async exitStatus(): Promise<number | undefined> {
    const text = await readFile(this.files.exitStatus, 'utf8').catch(() => '');
    return /^\d+$/.test(text) ? Number(text) : undefined;
  }
}
