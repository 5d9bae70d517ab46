import { randomBytes } from 'node:crypto';
import { chmod, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EditorError } from './editor-error';

/** Files larger than this are not loaded (as OpenHands' editor). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8192;

/** A text file's content; refuses directories, huge files, binary and non-UTF-8 content. */
export async function readTextFile(path: string): Promise<string> {
  const info = await stat(path);
  if (info.isDirectory()) throw new EditorError(`The path ${path} is a directory.`);
  if (info.size > MAX_FILE_BYTES) {
    const mib = (info.size / 1024 / 1024).toFixed(1);
    throw new EditorError(`The file ${path} is too large (${mib} MiB; at most 10 MiB).`);
  }
  const bytes = await readFile(path);
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) throw notText(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notText(path);
  }
}

/**
 * Replaces a file's content atomically: a temporary file in the same directory, then rename,
 * so a crash or a concurrent reader never sees half a file. A symlink's target is written (the
 * link stays) and an existing file keeps its permissions.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const target = await realpath(path).catch(() => path);
  const mode = (await stat(target).catch(() => undefined))?.mode;
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    if (mode !== undefined) await chmod(temp, mode & 0o7777);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function notText(path: string): EditorError {
  return new EditorError(
    `The file ${path} is binary or not UTF-8 text; this tool edits text only.`,
  );
}
