import { open } from 'node:fs/promises';
import { isErrno } from './errors';

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * Reads a growing file incrementally by byte offset, returning only complete lines. A line still
 * being written (no newline yet) waits for the next call, and splitting on bytes before decoding
 * never cuts a multi-byte character in half.
 */
export class LineReader {
  private offset = 0;
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly path: string) {}

  async readNew(): Promise<string[]> {
    const fresh = await this.readFromOffset();
    if (fresh.length === 0) return [];
    let data = Buffer.concat([this.pending, fresh]);
    const lines: string[] = [];
    for (let end = data.indexOf(NEWLINE); end !== -1; end = data.indexOf(NEWLINE)) {
      lines.push(data.subarray(0, end).toString('utf8'));
      data = data.subarray(end + 1);
    }
    this.pending = Buffer.from(data);
    return lines;
  }

  private async readFromOffset(): Promise<Buffer> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return Buffer.alloc(0); // no line written yet
      throw error;
    }
    try {
      const chunks: Buffer[] = [];
      for (;;) {
        const buffer = Buffer.alloc(CHUNK_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, this.offset);
        if (bytesRead === 0) return Buffer.concat(chunks);
        this.offset += bytesRead;
        chunks.push(buffer.subarray(0, bytesRead));
      }
    } finally {
      await handle.close();
    }
  }
}
