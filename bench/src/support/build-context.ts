import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** A build context as a client sends it: a tar.gz of `files` (name -> content), made in memory. */
export async function tarGz(files: Record<string, string>): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => chunks.push(Buffer.from(chunk as Uint8Array)));
  const ended = new Promise<void>((resolve) => archive.once('end', () => resolve()));
  for (const [name, body] of Object.entries(files)) {
    await new Promise<void>((resolve, reject) =>
      archive.entry({ name }, body, (error) => (error ? reject(error) : resolve())),
    );
  }
  archive.finalize();
  await ended;
  return gzipSync(Buffer.concat(chunks));
}

/**
 * A small context whose layers no earlier build made: the same Dockerfile every time, a marker
 * file of fresh content, so the COPY (and the RUN after it) cannot come from the engine's cache.
 */
export function freshContext(baseImage: string): Promise<Buffer> {
  return tarGz({
    Dockerfile: `FROM ${baseImage}\nCOPY marker /marker\nRUN cat /marker\n`,
    marker: `${randomUUID()}\n`,
  });
}

/** A short random token for tags and markers. */
export const token = () => randomUUID().slice(0, 8);
