import { createWriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';

/** One regular file of a build context: its path inside the context and its bytes. */
export interface ContextFile {
  path: string;
  /** Where to read it from, or its content. */
  source: { file: string } | { content: string | Buffer };
  executable?: boolean;
}

async function bytesOf(file: ContextFile): Promise<Buffer> {
  return 'file' in file.source ? readFile(file.source.file) : Buffer.from(file.source.content);
}

/**
 * Writes `files` as a gzip-compressed tar to `destination`, reproducibly: entries sorted by
 * path, one file time (`mtime`, seconds), owner root, modes 0644/0755, and gzip's header
 * carries no time. So the same inputs give the same bytes and the same digest, which lets the
 * build service answer a repeated upload from its cache. Written to a temporary name and
 * renamed, so a reader never sees half an archive.
 */
export async function writeContextArchive(
  destination: string,
  files: readonly ContextFile[],
  mtime: number,
): Promise<void> {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const archive = pack();
  const partial = `${destination}.partial-${process.pid}`;
  const written = pipeline(archive, createGzip({ level: 9 }), createWriteStream(partial));
  try {
    for (const file of sorted) {
      const body = await bytesOf(file);
      await new Promise<void>((resolve, reject) =>
        archive.entry(
          {
            name: file.path,
            size: body.length,
            mode: file.executable ? 0o755 : 0o644,
            mtime: new Date(mtime * 1000),
            uid: 0,
            gid: 0,
            uname: 'root',
            gname: 'root',
          },
          body,
          (error) => (error ? reject(error) : resolve()),
        ),
      );
    }
    archive.finalize();
    await written;
    await rename(partial, destination);
  } catch (error) {
    archive.destroy();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}
