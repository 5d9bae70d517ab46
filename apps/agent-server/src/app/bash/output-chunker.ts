import { StringDecoder } from 'node:string_decoder';
import { BASH_OUTPUT_CHUNK_BYTES } from '@agentrt/contracts';

/**
 * Cuts one output stream into UTF-8 text pieces of at most `maxBytes` each, never splitting a
 * character. Bytes that are not UTF-8 become U+FFFD before measuring, so the limit holds for the
 * text that is actually sent.
 */
export class OutputChunker {
  private readonly decoder = new StringDecoder('utf8');
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxBytes = BASH_OUTPUT_CHUNK_BYTES) {
    // A piece must hold the longest UTF-8 character (4 bytes), or a cut could take nothing.
    if (maxBytes < 4) throw new RangeError(`maxBytes must be at least 4, got ${maxBytes}`);
  }

  /** Adds output; returns the full-size pieces it completed (usually none). */
  push(bytes: Buffer): string[] {
    this.append(this.decoder.write(bytes));
    const pieces: string[] = [];
    while (this.pendingBytes >= this.maxBytes) pieces.push(this.take(this.maxBytes));
    return pieces;
  }

  /** What is buffered so far, as one piece; undefined when nothing is. */
  flush(): string | undefined {
    return this.pendingBytes > 0 ? this.take(this.maxBytes) : undefined;
  }

  /** At the end of the stream: everything left, including a truncated last character. */
  end(): string[] {
    this.append(this.decoder.end());
    const pieces: string[] = [];
    while (this.pendingBytes > 0) pieces.push(this.take(this.maxBytes));
    return pieces;
  }

  private append(text: string): void {
    if (text.length === 0) return;
    const bytes = Buffer.from(text, 'utf8');
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
  }

  private take(limit: number): string {
    const all = Buffer.concat(this.pending, this.pendingBytes);
    const cut = characterBoundary(all, Math.min(limit, all.length));
    const rest = all.subarray(cut);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    return all.subarray(0, cut).toString('utf8');
  }
}

/** The largest offset <= `at` where a UTF-8 character starts (continuation bytes are 10xxxxxx). */
function characterBoundary(bytes: Buffer, at: number): number {
  let cut = at;
  while (cut > 0 && cut < bytes.length && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut -= 1;
  return cut;
}
