import { access, appendFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { checkBuildId } from './build-id';
import type { BuildLogStore } from './build-log-store';
import { BuildLogClosedError, isErrno } from './errors';
import { LineReader } from './line-reader';

export interface FileBuildLogStoreOptions {
  /** Absolute directory holding `<buildId>.log` and `<buildId>.closed`. */
  root: string;
  /** How often `follow` looks for new lines (default 100 ms). */
  pollIntervalMs?: number;
}

/**
 * BuildLogStore on files. Each append is one O_APPEND write, so lines from one writer never
 * interleave; followers poll rather than use fs.watch because watch events do not cross
 * processes on network filesystems (a shared volume).
 */
export class FileBuildLogStore implements BuildLogStore {
  private readonly root: string;
  private readonly pollIntervalMs: number;

  constructor(options: FileBuildLogStoreOptions) {
    if (!isAbsolute(options.root))
      throw new Error(`log store root must be absolute: ${options.root}`);
    this.root = resolve(options.root);
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
  }

  async append(buildId: string, line: string): Promise<void> {
    const { log, closed } = this.paths(buildId);
    if (await exists(closed)) throw new BuildLogClosedError(buildId);
    await mkdir(this.root, { recursive: true });
    await appendFile(log, `${line.split(/\r?\n/).join('\n')}\n`, 'utf8');
  }

  async close(buildId: string): Promise<void> {
    const { closed } = this.paths(buildId);
    await mkdir(this.root, { recursive: true });
    await writeFile(closed, '');
  }

  async isClosed(buildId: string): Promise<boolean> {
    return await exists(this.paths(buildId).closed);
  }

  async read(buildId: string, fromLine = 0): Promise<string[]> {
    const lines = await new LineReader(this.paths(buildId).log).readNew();
    return lines.slice(fromLine);
  }

  async *follow(buildId: string, fromLine: number, signal?: AbortSignal): AsyncIterable<string> {
    const { log, closed } = this.paths(buildId);
    const reader = new LineReader(log);
    let index = 0;
    while (signal?.aborted !== true) {
      // Checked before reading: every line appended before close() is then already on disk.
      const done = await exists(closed);
      for (const line of await reader.readNew()) {
        if (index++ >= fromLine) yield line;
      }
      if (done) return;
      await pause(this.pollIntervalMs, signal);
    }
  }

  async delete(buildId: string): Promise<void> {
    const { log, closed } = this.paths(buildId);
    await rm(log, { force: true });
    await rm(closed, { force: true });
  }

  /** Retention: removes logs (and close markers) last written longer ago than `olderThanMs`. */
  async sweep(olderThanMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await listLogDir(this.root)) {
      if (!/\.(log|closed)$/.test(name)) continue;
      const path = join(this.root, name);
      const info = await stat(path).catch(() => undefined);
      if (!info || now - info.mtimeMs < olderThanMs) continue;
      await rm(path, { force: true });
      if (name.endsWith('.log')) removed += 1;
    }
    return removed;
  }

  private paths(buildId: string): { log: string; closed: string } {
    const id = checkBuildId(buildId);
    return { log: join(this.root, `${id}.log`), closed: join(this.root, `${id}.closed`) };
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

/** Waits `ms`, returning early (not throwing) when the follower is aborted. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await delay(ms, undefined, signal === undefined ? {} : { signal });
  } catch (error) {
    if (!signal?.aborted) throw error;
  }
}

async function listLogDir(root: string): Promise<string[]> {
  try {
    return await readdir(root);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw error;
  }
}
