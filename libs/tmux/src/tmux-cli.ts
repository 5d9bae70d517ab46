import { execFile } from 'node:child_process';
import { pause } from './pause';
import { TmuxError, type TmuxErrorReason } from './tmux-error';

const MAX_STDOUT_BYTES = 64 * 1024 * 1024;
const MAX_ATTEMPTS = 5;
const RETRY_DELAY_MS = 20;

/**
 * Runs the tmux binary against one socket. Arguments go to execFile as an array, so nothing is
 * ever parsed by a shell; tmux's own quirk (an argument ending in `;` separates commands) is why
 * free text goes through {@link TmuxCli.execWithInput} instead of an argument.
 */
export class TmuxCli {
  constructor(
    private readonly binary: string,
    private readonly socketName: string,
  ) {}

  /** The argv that runs `args` on this socket (also what a user runs to attach). */
  argv(args: readonly string[]): string[] {
    return [this.binary, '-L', this.socketName, ...args];
  }

  exec(args: readonly string[]): Promise<string> {
    return this.execWithInput(args, undefined);
  }

  /**
   * Runs tmux with `input` on its stdin (e.g. `load-buffer -`). A busy server can refuse a
   * connection for a moment (EAGAIN on its socket); that is retried, briefly.
   */
  async execWithInput(args: readonly string[], input: string | undefined): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.execOnce(args, input);
      } catch (error) {
        if (!(error instanceof TmuxError && error.reason === 'busy') || attempt >= MAX_ATTEMPTS) {
          throw error;
        }
        await pause(RETRY_DELAY_MS * attempt);
      }
    }
  }

  private execOnce(args: readonly string[], input: string | undefined): Promise<string> {
    const [file, ...rest] = this.argv(args);
    return new Promise((resolve, reject) => {
      const child = execFile(
        file ?? this.binary,
        rest,
        { encoding: 'utf8', maxBuffer: MAX_STDOUT_BYTES },
        (error, stdout, stderr) => {
          if (error) reject(toTmuxError(args, error, stderr));
          else resolve(stdout);
        },
      );
      // tmux exits without reading stdin unless asked to: that EPIPE is no error of ours.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(input ?? '');
    });
  }
}

function toTmuxError(args: readonly string[], error: Error, stderr: string): TmuxError {
  const detail = stderr.trim() || error.message;
  return new TmuxError(reasonOf(detail), `tmux ${args[0] ?? ''}: ${detail}`);
}

function reasonOf(detail: string): TmuxErrorReason {
  if (/Resource temporarily unavailable/.test(detail)) return 'busy';
  if (/no server running|error connecting to|server exited unexpectedly/.test(detail)) {
    return 'no_server';
  }
  if (/can't find (session|pane|window)|session not found/.test(detail)) return 'no_session';
  if (/duplicate session/.test(detail)) return 'exists';
  return 'failed';
}
