import { createReadStream, createWriteStream, type Stats } from 'node:fs';
import { lstat, mkdtemp, readdir, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { type Header as TarHeader, type Pack, pack } from 'tar-stream';

/** A tar.gz build context on disk; `remove()` deletes it when it was made for the upload. */
export interface PackedContext {
  path: string;
  bytes: number;
  remove(): Promise<void>;
}

type EntryHeader = Partial<TarHeader> & Pick<TarHeader, 'name'>;

/** The server refuses more entries than this; so do we, before packing forever. */
const MAX_ENTRIES = 100_000;

/** A context that cannot be uploaded (no Dockerfile, a link out of it, not a tar.gz, ...). */
export class InvalidBuildContextError extends Error {
  override name = 'InvalidBuildContextError';
}

/**
 * Packs `dir` as a gzip-compressed tar in a temporary file: regular files with their modes,
 * directories, and symlinks that stay inside `dir` (one pointing outside, or absolute, is
 * refused: the build could not follow it). Sockets, FIFOs and devices are refused too.
 */
export async function packDirectory(dir: string): Promise<PackedContext> {
  const root = resolve(dir);
  const tempDir = await mkdtemp(join(tmpdir(), 'agentrt-context-'));
  const path = join(tempDir, 'context.tar.gz');
  const remove = () => rm(tempDir, { recursive: true, force: true });
  const archive = pack();
  const written = pipeline(archive, createGzip(), createWriteStream(path));
  try {
    await addTree(archive, root, root, { count: 0 });
    archive.finalize();
    await written;
    return { path, bytes: (await stat(path)).size, remove };
  } catch (error) {
    archive.destroy();
    await written.catch(() => undefined);
    await remove();
    throw error;
  }
}

async function addTree(archive: Pack, root: string, dir: string, seen: { count: number }) {
  const names = (await readdir(dir)).sort();
  for (const name of names) {
    seen.count += 1;
    if (seen.count > MAX_ENTRIES) {
      throw new InvalidBuildContextError(`${root} has more than ${MAX_ENTRIES} entries`);
    }
    const full = join(dir, name);
    const info = await lstat(full);
    const header = headerOf(relative(root, full).split(sep).join(posix.sep), info);
    if (info.isDirectory()) {
      await addEntry(archive, { ...header, type: 'directory' });
      await addTree(archive, root, full, seen);
    } else if (info.isFile()) {
      await addFile(archive, { ...header, type: 'file', size: info.size }, full);
    } else if (info.isSymbolicLink()) {
      const linkname = await insideLink(root, full);
      await addEntry(archive, { ...header, type: 'symlink', linkname });
    } else {
      throw new InvalidBuildContextError(`${full} is not a file, directory or symlink`);
    }
  }
}

function headerOf(name: string, info: Stats): EntryHeader {
  return { name, mode: info.mode & 0o7777, mtime: info.mtime, uid: 0, gid: 0 };
}

/** The link's target when it stays inside the context; a link out of it is refused. */
async function insideLink(root: string, link: string): Promise<string> {
  const target = await readlink(link);
  const resolved = resolve(dirname(link), target);
  if (isAbsolute(target) || (resolved !== root && !resolved.startsWith(root + sep))) {
    throw new InvalidBuildContextError(
      `${link} points outside the build context (${target}); copy the file in instead`,
    );
  }
  return target;
}

function addEntry(archive: Pack, header: EntryHeader): Promise<void> {
  return new Promise((done, fail) =>
    archive.entry(header, (error) => (error ? fail(error) : done())),
  );
}

async function addFile(archive: Pack, header: EntryHeader, file: string): Promise<void> {
  const entry = archive.entry(header);
  await pipeline(createReadStream(file), entry);
}
