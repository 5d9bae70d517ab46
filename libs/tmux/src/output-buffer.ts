/**
 * A command's output bytes, bounded: the first and the last `maxBytes / 2` are kept and the
 * middle is dropped, so a runaway command (`yes`) cannot exhaust memory before its timeout.
 */
export class OutputBuffer {
  private readonly half: number;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private readonly tail: Buffer[] = [];
  private tailBytes = 0;
  /** Stream offset of the first byte in `tail`. */
  private tailStart = 0;
  private total = 0;

  constructor(maxBytes: number) {
    this.half = Math.max(1, Math.floor(maxBytes / 2));
  }

  append(chunk: Buffer): void {
    let rest = chunk;
    if (this.tail.length === 0 && this.headBytes < this.half) {
      const take = Math.min(this.half - this.headBytes, rest.length);
      this.head.push(rest.subarray(0, take));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length > 0) {
      if (this.tail.length === 0) this.tailStart = this.total + chunk.length - rest.length;
      this.tail.push(rest);
      this.tailBytes += rest.length;
    }
    this.total += chunk.length;
    this.trimTail();
  }

  /** The text of stream bytes `[0, end)`, with a note where bytes were dropped. */
  text(end: number = this.total): string {
    const head = Buffer.concat(this.head).subarray(0, Math.min(end, this.headBytes));
    if (end <= this.headBytes || this.tail.length === 0) return head.toString('utf8');
    const tailEnd = Math.max(0, end - this.tailStart);
    const tail = Buffer.concat(this.tail).subarray(0, tailEnd);
    const dropped = Math.min(end, this.tailStart) - this.headBytes;
    const note = dropped > 0 ? `\n[... ${dropped} bytes of output dropped ...]\n` : '';
    return head.toString('utf8') + note + tail.toString('utf8');
  }

  private trimTail(): void {
    let first = this.tail[0];
    while (first && this.tailBytes - first.length >= this.half) {
      this.tail.shift();
      this.tailBytes -= first.length;
      this.tailStart += first.length;
      first = this.tail[0];
    }
  }
}
