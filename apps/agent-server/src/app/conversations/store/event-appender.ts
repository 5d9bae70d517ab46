import { closeSync, fdatasync, openSync, writeSync } from 'node:fs';

/** Where a loaded conversation appends its events' lines. */
export interface LineAppender {
  append(line: string): void;
  /** Flushes and closes; later appends fail. */
  close(): Promise<void>;
}

/** How long appended lines may sit in the page cache before they are flushed to disk. */
const SYNC_DELAY_MS = 1000;

/**
 * Appends lines to an `events.jsonl` file. Each line is written with one synchronous write, so
 * once `append` returns the line survives a crash of this process and lines never interleave;
 * an fdatasync follows within a second, bounding what a machine crash can lose. A crash in the
 * middle of a write leaves at most one partial last line, which loading skips.
 */
export class EventAppender implements LineAppender {
  private fd: number | undefined;
  private syncTimer: NodeJS.Timeout | undefined;

  constructor(path: string) {
    this.fd = openSync(path, 'a', 0o600);
  }

  append(line: string): void {
    const fd = this.openFd();
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(fd, bytes, written, bytes.length - written);
    }
    this.syncTimer ??= setTimeout(() => void this.sync(), SYNC_DELAY_MS).unref();
  }

  /** Flushes appended lines to disk now. */
  sync(): Promise<void> {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    const fd = this.fd;
    if (fd === undefined) return Promise.resolve();
    return new Promise((resolve) => fdatasync(fd, () => resolve()));
  }

  /** Flushes and closes the file; later appends fail. */
  async close(): Promise<void> {
    await this.sync();
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private openFd(): number {
    if (this.fd === undefined) throw new Error('the event log is closed');
    return this.fd;
  }
}
