import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { pack, type Header } from 'tar-stream';

/** One tar entry for a generated context; `body` only for regular files. */
export type FixtureEntry = Partial<Omit<Header, 'size'>> & { name: string; body?: string };

export const DOCKERFILE: FixtureEntry = { name: 'Dockerfile', body: 'FROM scratch\n' };

/** The raw (uncompressed) tar bytes of the given entries, built in memory by tar-stream. */
export async function tarOf(entries: FixtureEntry[]): Promise<Buffer> {
  const archive = pack();
  const collected = collect(archive);
  for (const { body, ...header } of entries) {
    await new Promise<void>((resolve, reject) => {
      archive.entry(header, body ?? '', (error) => (error ? reject(error) : resolve()));
    });
  }
  archive.finalize();
  return collected;
}

export async function contextOf(entries: FixtureEntry[]): Promise<Buffer> {
  return gzipSync(await tarOf(entries));
}

/**
 * A gzip bomb: one file of `size` zero bytes, streamed through gzip so neither the tar nor the
 * zeros are ever held whole in memory. Level 1 keeps tests fast: 200 MB of zeros compress to
 * about 900 KB (ratio ~230).
 */
export async function zeroBomb(size: number): Promise<Buffer> {
  const archive = pack();
  const gzip = createGzip({ level: 1 });
  const compressed = collect(gzip);
  const piped = pipeline(archive, gzip);
  const file = archive.entry({ name: 'zeros', size });
  const chunk = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < size; written += chunk.length) {
    const part = chunk.subarray(0, Math.min(chunk.length, size - written));
    if (!file.write(part))
      await new Promise<void>((resolve) => file.once('drain', () => resolve()));
  }
  file.end(Buffer.alloc(0)); // streamx types want an argument; an empty chunk adds nothing
  archive.finalize();
  await piped;
  return compressed;
}

/** A stream over `data` in small chunks that records how many bytes were actually pulled. */
export function meteredSource(
  data: Buffer,
  chunkSize = 16 * 1024,
): { stream: Readable; read: () => number } {
  let offset = 0;
  const stream = new Readable({
    read() {
      const next = data.subarray(offset, offset + chunkSize);
      offset += next.length;
      this.push(next.length > 0 ? next : null);
    },
  });
  return { stream, read: () => offset };
}

async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
