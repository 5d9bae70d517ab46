import { inspectBuildContext } from '@agentrt/build-context';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidBuildContextError, type PackedContext, packDirectory } from './pack-directory';

export interface PrepareOptions {
  /** The Dockerfile's path inside the context (default `Dockerfile`). */
  dockerfile?: string;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * A build context ready to upload: a directory is packed (into a temporary file), a `.tar.gz`
 * / `.tgz` file is taken as is. Either way it is checked the way the build service will check
 * it (gzip, tar, a Dockerfile, no path or link out of it, size limits), so a mistake is found
 * before the upload instead of after it.
 */
export async function prepareBuildContext(
  source: string,
  options: PrepareOptions = {},
): Promise<PackedContext & { packed: boolean }> {
  const dockerfile = options.dockerfile ?? 'Dockerfile';
  const info = await stat(source).catch(() => undefined);
  if (!info) throw new InvalidBuildContextError(`${source} does not exist`);
  let context: PackedContext;
  if (info.isDirectory()) {
    const found = await stat(join(source, dockerfile)).catch(() => undefined);
    if (!found?.isFile()) throw new InvalidBuildContextError(`${source} has no ${dockerfile}`);
    context = await packDirectory(source);
  } else {
    if (!(await isGzip(source))) {
      throw new InvalidBuildContextError(`${source} is neither a directory nor a .tar.gz file`);
    }
    context = { path: source, bytes: info.size, remove: () => Promise.resolve() };
  }
  try {
    await inspectBuildContext(createReadStream(context.path), { dockerfile });
  } catch (error) {
    await context.remove();
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidBuildContextError(`${source} is not a valid build context: ${reason}`);
  }
  return { ...context, packed: info.isDirectory() };
}

async function isGzip(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  } finally {
    await file.close();
  }
}
