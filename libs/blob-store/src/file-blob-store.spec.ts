import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { BlobNotFoundError, BlobTooLargeError, FileBlobStore, InvalidDigestError } from './index';

const run = promisify(execFile);
const MiB = 1024 * 1024;

describe('FileBlobStore', () => {
  let root: string;
  let store: FileBlobStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'blob-store-'));
    store = new FileBlobStore({ root });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** Every file under the root, relative to it: shows leftovers and where blobs landed. */
  async function filesUnderRoot(): Promise<string[]> {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(root.length + 1));
  }

  it('stores content under the digest sha256sum computes and reads it back', async () => {
    const content = randomBytes(300_000);
    const ref = await store.put(
      Readable.from([content.subarray(0, 1000), content.subarray(1000)]),
      {
        maxBytes: MiB,
      },
    );

    const hex = ref.digest.slice('sha256:'.length);
    const { stdout } = await run('sha256sum', [join(root, 'sha256', hex.slice(0, 2), hex)]);
    expect(stdout.split(' ')[0]).toBe(hex);
    expect(ref.size).toBe(content.length);
    const back = Buffer.concat(await (await store.open(ref.digest)).toArray());
    expect(back.equals(content)).toBe(true);
    await expect(store.stat(ref.digest)).resolves.toMatchObject({
      digest: ref.digest,
      size: content.length,
    });
    await expect(store.has(ref.digest)).resolves.toBe(true);
  });

  it('stores the same content once, from a Buffer or a stream', async () => {
    const first = await store.put(Buffer.from('hello\n'), { maxBytes: 100 });
    const second = await store.put(Readable.from(['hel', 'lo\n']), { maxBytes: 100 });

    expect(second).toEqual(first);
    expect(first.digest).toBe(
      'sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03',
    );
    expect(await filesUnderRoot()).toEqual([`sha256/58/${first.digest.slice(7)}`]);
  });

  it('ends 20 concurrent puts of the same content with one blob and no temp files', async () => {
    const content = randomBytes(200_000);
    const refs = await Promise.all(
      Array.from({ length: 20 }, () => store.put(Readable.from([content]), { maxBytes: MiB })),
    );

    expect(new Set(refs.map((r) => r.digest)).size).toBe(1);
    expect(await filesUnderRoot()).toHaveLength(1);
    expect(
      Buffer.concat(await (await store.open(refs[0]?.digest ?? '')).toArray()).equals(content),
    ).toBe(true);
  });

  it('stores 20 concurrent puts of different content as 20 intact blobs', async () => {
    const contents = Array.from({ length: 20 }, () => randomBytes(50_000));
    const refs = await Promise.all(
      contents.map((c) => store.put(Readable.from([c]), { maxBytes: MiB })),
    );

    expect(new Set(refs.map((r) => r.digest)).size).toBe(20);
    expect(await filesUnderRoot()).toHaveLength(20);
    for (const [i, ref] of refs.entries()) {
      const back = Buffer.concat(await (await store.open(ref.digest)).toArray());
      expect(back.equals(contents[i] ?? Buffer.alloc(0))).toBe(true);
    }
  });

  it('refuses content over maxBytes and leaves nothing behind', async () => {
    const chunks = Array.from({ length: 10 }, () => randomBytes(1000));

    await expect(store.put(Readable.from(chunks), { maxBytes: 5000 })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    await expect(store.put(Buffer.alloc(101), { maxBytes: 100 })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    expect(await filesUnderRoot()).toEqual([]);
  });

  it('stores content of exactly maxBytes', async () => {
    await expect(store.put(Buffer.alloc(100), { maxBytes: 100 })).resolves.toMatchObject({
      size: 100,
    });
  });

  it('leaves nothing behind when the source stream fails midway', async () => {
    const source = new PassThrough();
    const put = store.put(source, { maxBytes: MiB });
    source.write(randomBytes(10_000));
    source.destroy(new Error('client went away'));

    await expect(put).rejects.toThrow('client went away');
    expect(await filesUnderRoot()).toEqual([]);
  });

  it('leaves nothing behind when the upload is aborted', async () => {
    const source = new PassThrough();
    const abort = new AbortController();
    const put = store.put(source, { maxBytes: MiB, signal: abort.signal });
    source.write(randomBytes(10_000));
    abort.abort();

    await expect(put).rejects.toMatchObject({ name: 'AbortError' });
    expect(await filesUnderRoot()).toEqual([]);
  });

  it.each([
    '../x',
    'sha256:../../etc',
    'sha256:' + 'A'.repeat(64),
    'sha256:' + 'a'.repeat(63),
    'sha512:' + 'a'.repeat(64),
    `sha256:${'a'.repeat(64)}/`,
  ])('refuses the digest %j before touching the filesystem', async (digest) => {
    await expect(store.has(digest)).rejects.toBeInstanceOf(InvalidDigestError);
    await expect(store.open(digest)).rejects.toBeInstanceOf(InvalidDigestError);
    await expect(store.stat(digest)).rejects.toBeInstanceOf(InvalidDigestError);
    await expect(store.delete(digest)).rejects.toBeInstanceOf(InvalidDigestError);
  });

  it('reports a missing blob as not found and deletes only what exists', async () => {
    const missing = `sha256:${'0'.repeat(64)}`;
    await expect(store.has(missing)).resolves.toBe(false);
    await expect(store.open(missing)).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.stat(missing)).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.delete(missing)).resolves.toBe(false);

    const { digest } = await store.put(Buffer.from('x'), { maxBytes: 10 });
    await expect(store.delete(digest)).resolves.toBe(true);
    await expect(store.has(digest)).resolves.toBe(false);
  });

  it('sweeps blobs and stale temp files older than the retention, keeping recent ones', async () => {
    const old = await store.put(Buffer.from('old'), { maxBytes: 10 });
    const recent = await store.put(Buffer.from('recent'), { maxBytes: 10 });
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(
      join(root, 'sha256', old.digest.slice(7, 9), old.digest.slice(7)),
      hourAgo,
      hourAgo,
    );
    // What a crashed upload leaves: an old temp file, and a fresh one that may still be in progress.
    await writeFile(join(root, 'tmp', 'crashed.partial'), 'half');
    await utimes(join(root, 'tmp', 'crashed.partial'), hourAgo, hourAgo);
    await writeFile(join(root, 'tmp', 'uploading.partial'), 'half');

    const result = await store.sweep({ olderThanMs: 60_000 });

    expect(result.deleted).toEqual([old.digest]);
    await expect(store.has(old.digest)).resolves.toBe(false);
    await expect(text(await store.open(recent.digest))).resolves.toBe('recent');
    expect((await filesUnderRoot()).sort()).toEqual(
      [
        `sha256/${recent.digest.slice(7, 9)}/${recent.digest.slice(7)}`,
        'tmp/uploading.partial',
      ].sort(),
    );
  });

  it('refreshes the age of a blob that is put again, so retention keeps it', async () => {
    let now = Date.now();
    const clocked = new FileBlobStore({ root, now: () => now });
    const { digest } = await clocked.put(Buffer.from('context'), { maxBytes: 100 });
    now += 3_600_000;
    await clocked.put(Buffer.from('context'), { maxBytes: 100 });

    await expect(clocked.sweep({ olderThanMs: 60_000 })).resolves.toEqual({ deleted: [] });
    const { storedAt } = await clocked.stat(digest);
    expect(Math.abs(storedAt.getTime() - now)).toBeLessThanOrEqual(1); // timestamps round to ms
  });

  it('refuses a relative root', () => {
    expect(() => new FileBlobStore({ root: 'relative/dir' })).toThrow('absolute');
  });
});
