import {
  capturePane,
  paneTarget,
  parseSessionList,
  SESSION_LIST_FORMAT,
  sendKeys,
  sendText,
} from './pane-io';
import { assertSessionName } from './session-files';
import type { TmuxCli } from './tmux-cli';
import { ignoreGone } from './tmux-error';
import type { TmuxSessionInfo } from './tmux.types';

/**
 * What can be done with any session on the socket, whoever created it: look at it, type into
 * it, attach to it. {@link TmuxService} adds the sessions it creates and runs commands in.
 */
export class TmuxSocket {
  private knownSocketPath: string | undefined;

  constructor(protected readonly cli: TmuxCli) {}

  /** The socket file's path; only tmux knows it, so undefined until asked while the server runs. */
  async socketPath(): Promise<string | undefined> {
    if (this.knownSocketPath) return this.knownSocketPath;
    const out = await this.cli.exec(['display-message', '-p', '#{socket_path}']).catch(ignoreGone);
    this.knownSocketPath = out?.trim() || undefined;
    return this.knownSocketPath;
  }

  /** True when the session exists and its first process is still running. */
  async isAlive(name: string): Promise<boolean> {
    assertSessionName(name);
    const state = await this.cli
      .exec(['display-message', '-p', '-t', paneTarget(name), '#{pane_dead}'])
      .catch(ignoreGone);
    return state?.trim() === '0';
  }

  /**
   * Types `text` (any characters, newlines as Enter), then Enter if `enter`. With `bracketed`,
   * a program that asked for bracketed paste (most AI CLIs) gets the text marked as one paste,
   * so its newlines do not submit it line by line.
   */
  sendText(name: string, text: string, { enter = false, bracketed = false } = {}): Promise<void> {
    assertSessionName(name);
    return sendText(this.cli, name, text, { enter, bracketed });
  }

  /** Presses keys by tmux name, e.g. `['C-c']` or `['Up', 'Enter']`. */
  sendKeys(name: string, keys: readonly string[]): Promise<void> {
    assertSessionName(name);
    return sendKeys(this.cli, name, keys);
  }

  /** What the pane shows; with `history`, its scrollback too. */
  capturePane(name: string, { history = false } = {}): Promise<string> {
    assertSessionName(name);
    return capturePane(this.cli, name, history);
  }

  /** The argv a person runs to attach to the session in their own terminal. */
  attachCommand(name: string): string[] {
    assertSessionName(name);
    return this.cli.argv(['attach-session', '-t', `=${name}`]);
  }

  /** Every session on the socket, including ones other services created. */
  async list(): Promise<TmuxSessionInfo[]> {
    const out = await this.cli.exec(['list-sessions', '-F', SESSION_LIST_FORMAT]).catch(ignoreGone);
    return parseSessionList(out ?? '');
  }
}
