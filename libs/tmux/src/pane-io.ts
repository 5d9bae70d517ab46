import { randomBytes } from 'node:crypto';
import type { TmuxCli } from './tmux-cli';
import { TmuxError } from './tmux-error';
import type { TmuxSessionInfo } from './tmux.types';

const KEY_NAME = /^[A-Za-z0-9-]{1,32}$/;

/** `=name:` targets this exact session's active pane (a bare name would match prefixes too). */
export const paneTarget = (name: string) => `=${name}:`;

/**
 * Types `text` into a pane exactly as given. It travels on stdin through a paste buffer, never
 * as an argument, because tmux takes an argument ending in `;` as a command separator.
 */
export async function sendText(
  cli: TmuxCli,
  name: string,
  text: string,
  { enter, bracketed }: { enter: boolean; bracketed: boolean },
) {
  const buffer = `agentrt-${randomBytes(6).toString('hex')}`;
  await cli.execWithInput(['load-buffer', '-b', buffer, '-'], text);
  // `-p` brackets the paste only if the program asked for it; otherwise it changes nothing.
  const bracket = bracketed ? ['-p'] : [];
  const paste = ['paste-buffer', '-d', ...bracket, '-b', buffer, '-t', paneTarget(name)];
  await cli.exec(enter ? [...paste, ';', 'send-keys', '-t', paneTarget(name), 'Enter'] : paste);
}

/** Presses keys by tmux name (`C-c`, `Enter`, `Up`, `F1`, ...). */
export async function sendKeys(cli: TmuxCli, name: string, keys: readonly string[]) {
  const bad = keys.find((key) => !KEY_NAME.test(key));
  if (bad !== undefined) throw new TmuxError('invalid', `"${bad}" is not a tmux key name`);
  await cli.exec(['send-keys', '-t', paneTarget(name), ...keys]);
}

/** The pane's text (wrapped lines joined); with `history`, its whole scrollback too. */
export function capturePane(cli: TmuxCli, name: string, history: boolean): Promise<string> {
  const range = history ? ['-S', '-'] : [];
  return cli.exec(['capture-pane', '-p', '-J', '-t', paneTarget(name), ...range]);
}

export function parseSessionList(out: string): TmuxSessionInfo[] {
  return out
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [name = '', created = '0', attached = '0'] = line.split('\t');
      return { name, createdAt: new Date(Number(created) * 1000), attached: attached !== '0' };
    });
}

export const SESSION_LIST_FORMAT = '#{session_name}\t#{session_created}\t#{session_attached}';
