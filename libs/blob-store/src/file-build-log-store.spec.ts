import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@agentrt/testing';
import { BuildLogClosedError, FileBuildLogStore, InvalidBuildIdError } from './index';

const run = promisify(execFile);
const TSX = join(__dirname, '../../../node_modules/.bin/tsx');

interface Followed {
  lines: string[];
  done: Promise<void>;
  abort: AbortController;
}

describe('FileBuildLogStore', () => {
  let root: string;
  // Writer and reader are separate objects sharing only the directory, as two processes would.
  let writer: FileBuildLogStore;
  let reader: FileBuildLogStore;
  const followers: AbortController[] = [];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'build-logs-'));
    writer = new FileBuildLogStore({ root });
    reader = new FileBuildLogStore({ root, pollIntervalMs: 20 });
  });
  afterEach(async () => {
    for (const follower of followers.splice(0)) follower.abort();
    await rm(root, { recursive: true, force: true });
  });

  /** Follows in the background, collecting lines; `done` settles when the follow ends. */
  function collect(buildId: string, fromLine = 0): Followed {
    const abort = new AbortController();
    followers.push(abort);
    const lines: string[] = [];
    const done = (async () => {
      for await (const line of reader.follow(buildId, fromLine, abort.signal)) lines.push(line);
    })();
    return { lines, done, abort };
  }

  it('delivers lines appended by another store instance, in order, and ends on close', async () => {
    const followed = collect('bld-1');
    await writer.append('bld-1', 'Step 1/3 : FROM base');
    await waitFor(() => Promise.resolve(followed.lines.length === 1), {
      description: 'the first line',
    });
    for (let i = 2; i <= 50; i++) await writer.append('bld-1', `line ${i}`);
    await writer.close('bld-1');

    await followed.done;
    expect(followed.lines).toEqual([
      'Step 1/3 : FROM base',
      ...Array.from({ length: 49 }, (_, i) => `line ${i + 2}`),
    ]);
  });

  it('delivers lines written by another process, in order, and ends when it closes the log', async () => {
    const followed = collect('bld-proc');
    await run(TSX, [join(__dirname, 'log-writer-process.testing.ts'), root, 'bld-proc', '200'], {
      timeout: 25_000,
    });

    await followed.done;
    expect(followed.lines).toEqual(Array.from({ length: 200 }, (_, i) => `child line ${i + 1}`));
  });

  it('follows from a given line, replaying what was already written', async () => {
    for (const line of ['a', 'b', 'c']) await writer.append('bld-2', line);
    const followed = collect('bld-2', 1);
    await waitFor(() => Promise.resolve(followed.lines.length === 2), {
      description: 'the replayed lines',
    });
    await writer.append('bld-2', 'd');
    await writer.close('bld-2');

    await followed.done;
    expect(followed.lines).toEqual(['b', 'c', 'd']);
  });

  it('ends a follow when its signal aborts, even if the log never closes', async () => {
    const followed = collect('bld-3');
    await writer.append('bld-3', 'only line');
    await waitFor(() => Promise.resolve(followed.lines.length === 1), { description: 'the line' });
    followed.abort.abort();

    await followed.done;
    expect(followed.lines).toEqual(['only line']);
  });

  it('reads lines from an index, splitting multi-line text and keeping UTF-8 intact', async () => {
    await writer.append('bld-4', 'first\r\nsecond\nthird ✓ ünïcode');

    await expect(reader.read('bld-4')).resolves.toEqual(['first', 'second', 'third ✓ ünïcode']);
    await expect(reader.read('bld-4', 2)).resolves.toEqual(['third ✓ ünïcode']);
    await expect(reader.read('no-such-build')).resolves.toEqual([]);
  });

  it('refuses appends once the log is closed, and deletes it for retention', async () => {
    await writer.append('bld-5', 'done');
    await writer.close('bld-5');

    await expect(reader.isClosed('bld-5')).resolves.toBe(true);
    await expect(writer.append('bld-5', 'late')).rejects.toBeInstanceOf(BuildLogClosedError);
    await writer.delete('bld-5');
    await expect(reader.read('bld-5')).resolves.toEqual([]);
    await expect(reader.isClosed('bld-5')).resolves.toBe(false);
    expect(await readdir(root)).toEqual([]);
  });

  it('sweeps logs last written before the retention cutoff and keeps newer ones', async () => {
    await writer.append('bld-old', 'old');
    await writer.close('bld-old');
    await writer.append('bld-new', 'new');
    const later = Date.now() + 60_000;

    await expect(writer.sweep(120_000, later)).resolves.toBe(0);
    await expect(writer.sweep(30_000, later)).resolves.toBe(2);
    expect(await readdir(root)).toEqual([]);
    await expect(writer.sweep(1, later)).resolves.toBe(0);
  });

  it.each(['../etc/passwd', 'a/b', '.hidden', '', 'x'.repeat(129), 'bld.1', 'bld 1'])(
    'refuses the build id %j without touching the filesystem',
    async (buildId) => {
      await expect(writer.append(buildId, 'x')).rejects.toBeInstanceOf(InvalidBuildIdError);
      await expect(writer.close(buildId)).rejects.toBeInstanceOf(InvalidBuildIdError);
      await expect(reader.read(buildId)).rejects.toBeInstanceOf(InvalidBuildIdError);
      await expect(reader.isClosed(buildId)).rejects.toBeInstanceOf(InvalidBuildIdError);
      await expect(writer.delete(buildId)).rejects.toBeInstanceOf(InvalidBuildIdError);
      const follow = reader.follow(buildId, 0)[Symbol.asyncIterator]();
      await expect(follow.next()).rejects.toBeInstanceOf(InvalidBuildIdError);
      expect(await readdir(root)).toEqual([]);
    },
  );
});
