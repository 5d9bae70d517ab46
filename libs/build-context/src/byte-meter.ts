import { Transform, type TransformCallback } from 'node:stream';

/**
 * A pass-through that counts bytes and lets the caller veto each chunk (by throwing), so a
 * limit stops the pipeline before the next chunk is read.
 */
export class ByteMeter extends Transform {
  private total = 0;

  constructor(private readonly onChunk: (chunk: Buffer, total: number) => void) {
    super();
  }

  get bytes(): number {
    return this.total;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    try {
      this.onChunk(chunk, this.total);
    } catch (error) {
      callback(error as Error);
      return;
    }
    callback(null, chunk);
  }
}
