import { constants } from 'node:fs';
import { mkdir, open, readdir, rm, stat, unlink } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type {
  BlobInfo,
  BlobRef,
  BlobStore,
  PutOptions,
  SweepOptions,
  SweepResult,
} from './blob-store';
import { blobPath, digestHex, isDigest, type Digest } from './digest';
import { BlobNotFoundError, isErrno } from './errors';
import { publish, writeTemp, type TempBlob } from './write-temp';

export interface FileBlobStoreOptions {
  /** Absolute directory owned by the store; blobs live in `sha256/`, uploads in progress in `tmp/`. */
  root: string;
  /** Injected clock for retention (defaults to Date.now). */
  now?: () => number;
}

/**
 * BlobStore on a local (or shared) filesystem. Uploads go to `tmp/` on the same filesystem, are
 * fsynced, then published with a hard link, which fails rather than overwrites when the blob
 * already exists: concurrent puts of the same content end with exactly one file.
 */
export class FileBlobStore implements BlobStore {
  private readonly root: string;
  private readonly tmpDir: string;
  private readonly now: () => number;

  constructor(options: FileBlobStoreOptions) {
    if (!isAbsolute(options.root))
      throw new Error(`blob store root must be absolute: ${options.root}`);
    this.root = resolve(options.root);
    this.tmpDir = join(this.root, 'tmp');
    this.now = options.now ?? Date.now;
  }

  async put(source: Readable | Buffer, options: PutOptions): Promise<BlobRef> {
    const temp = await this.writeTemp(source, options);
    try {
      await publish(temp.path, blobPath(this.root, temp.digest), new Date(this.now()));
    } finally {
      await rm(temp.path, { force: true });
    }
    return { digest: temp.digest, size: temp.size };
  }

  private async writeTemp(source: Readable | Buffer, options: PutOptions): Promise<TempBlob> {
    const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
    // The source may fail while the directory is created, before the pipeline listens; without a
    // listener that is an unhandled 'error' event (a crash). The pipeline still sees the error.
    input.on('error', ignore);
    try {
      await mkdir(this.tmpDir, { recursive: true });
      return await writeTemp(this.tmpDir, input, options);
    } finally {
      input.off('error', ignore);
    }
  }

  async has(digest: string): Promise<boolean> {
    try {
      await stat(blobPath(this.root, digest));
      return true;
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false;
      throw error;
    }
  }

  async open(digest: string): Promise<Readable> {
    const path = blobPath(this.root, digest);
    try {
      // Opening first turns a missing blob into BlobNotFoundError here, not a later stream error.
      const handle = await open(path, constants.O_RDONLY);
      return handle.createReadStream();
    } catch (error) {
      throw notFoundOr(error, digest);
    }
  }

  async stat(digest: string): Promise<BlobInfo> {
    const path = blobPath(this.root, digest);
    try {
      const info = await stat(path);
      return { digest: `sha256:${digestHex(digest)}`, size: info.size, storedAt: info.mtime };
    } catch (error) {
      throw notFoundOr(error, digest);
    }
  }

  async delete(digest: string): Promise<boolean> {
    try {
      await unlink(blobPath(this.root, digest));
      return true;
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false;
      throw error;
    }
  }

  async sweep({ olderThanMs }: SweepOptions): Promise<SweepResult> {
    const cutoff = this.now() - olderThanMs;
    const deleted: Digest[] = [];
    for (const prefix of await listDir(join(this.root, 'sha256'))) {
      for (const hex of await listDir(join(this.root, 'sha256', prefix))) {
        const digest = `sha256:${hex}`;
        if (!isDigest(digest)) continue; // not ours: never delete what we did not write
        if (await removeIfOlder(blobPath(this.root, digest), cutoff)) deleted.push(digest);
      }
    }
    for (const name of await listDir(this.tmpDir)) {
      if (name.endsWith('.partial')) await removeIfOlder(join(this.tmpDir, name), cutoff);
    }
    return { deleted };
  }
}

function ignore(): void {
  // Intentionally empty: see FileBlobStore.writeTemp.
}

async function removeIfOlder(path: string, cutoff: number): Promise<boolean> {
  try {
    if ((await stat(path)).mtimeMs >= cutoff) return false;
    await unlink(path);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false; // removed concurrently
    throw error;
  }
}

async function listDir(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw error;
  }
}

function notFoundOr(error: unknown, digest: string): unknown {
  return isErrno(error, 'ENOENT') ? new BlobNotFoundError(digest) : error;
}
