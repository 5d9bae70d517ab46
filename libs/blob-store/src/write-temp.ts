import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, mkdir, rm, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobTooLargeError, isErrno } from './errors';
import type { BlobRef, PutOptions } from './blob-store';

export interface TempBlob extends BlobRef {
  path: string;
}

/**
 * Streams `input` into a new temp file under `tmpDir`, hashing and counting as it goes, and
 * flushes it to disk before returning. On any failure (source error, abort, over maxBytes) the
 * temp file is removed before the error is rethrown.
 */
export async function writeTemp(
  tmpDir: string,
  input: Readable,
  { maxBytes, signal }: PutOptions,
): Promise<TempBlob> {
  const path = join(tmpDir, `${randomUUID()}.partial`);
  const hash = createHash('sha256');
  let size = 0;
  async function* measure(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > maxBytes) throw new BlobTooLargeError(maxBytes);
      hash.update(bytes);
      yield bytes;
    }
  }
  try {
    // flush: fsync before close, so the rename that publishes the blob never exposes a torn file.
    const output = createWriteStream(path, { flags: 'wx', mode: 0o644, flush: true });
    await pipeline(input, measure, output, signal === undefined ? {} : { signal });
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, size, digest: `sha256:${hash.digest('hex')}` };
}

/**
 * Makes a complete temp file visible as `target`. A hard link never replaces an existing file, so
 * when the blob is already there the first copy is kept (stored once) and only its age refreshed,
 * keeping it from retention. Should a sweep remove it between the two steps, link once more.
 */
export async function publish(tempPath: string, target: string, at: Date): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  for (let attempt = 1; ; attempt++) {
    try {
      await link(tempPath, target);
      return;
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    try {
      await utimes(target, at, at);
      return;
    } catch (error) {
      if (!isErrno(error, 'ENOENT') || attempt >= 2) throw error;
    }
  }
}
