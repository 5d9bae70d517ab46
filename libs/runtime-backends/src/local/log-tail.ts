import { open } from 'node:fs/promises';

/** The last `lines` lines of a log file (reads at most its last 64 KiB); '' when missing. */
export async function logTail(path: string, lines: number): Promise<string> {
  const maxBytes = 64 * 1024;
  let file;
  try {
    file = await open(path, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await file.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await file.read(buffer, 0, length, size - length);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } finally {
    await file.close();
  }
}
