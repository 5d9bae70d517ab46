import { type FileHandle, open, truncate } from 'node:fs/promises';

const READ_SIZE = 1024 * 1024;

/**
 * Reads a session's output log (appended by tmux `pipe-pane`) from where the current command
 * began. Truncating at the start is safe while tmux keeps appending: it opened the file with
 * O_APPEND, so its next write lands at the new end.
 */
export class SessionLog {
  private offset = 0;

  private constructor(private readonly handle: FileHandle) {}

  /** Empties the log and starts reading from its (new) beginning. */
  static async openEmpty(path: string): Promise<SessionLog> {
    await truncate(path, 0);
    return new SessionLog(await open(path, 'r'));
  }

  /** The next bytes written since the last read, or undefined when there are none yet. */
  async read(): Promise<Buffer | undefined> {
    const buffer = Buffer.allocUnsafe(READ_SIZE);
    const { bytesRead } = await this.handle.read(buffer, 0, READ_SIZE, this.offset);
    if (bytesRead === 0) return undefined;
    this.offset += bytesRead;
    // Copy, so that kept chunks do not pin a whole read buffer each.
    return Buffer.from(buffer.subarray(0, bytesRead));
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
