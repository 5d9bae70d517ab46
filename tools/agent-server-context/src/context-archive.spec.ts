import { inspectBuildContext } from '@agentrt/build-context';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract, type Header } from 'tar-stream';
import { type ContextFile, writeContextArchive } from './context-archive';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agentrt-archive-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function headersOf(archive: Buffer): Promise<Header[]> {
  const headers: Header[] = [];
  const reader = extract();
  reader.on('entry', (header, stream, next) => {
    headers.push(header);
    stream.on('end', next).resume();
  });
  const done = new Promise<void>((resolve, reject) =>
    reader.on('finish', () => resolve()).on('error', reject),
  );
  Readable.from([archive]).pipe(createGunzip()).pipe(reader);
  await done;
  return headers;
}

describe('the context archive', () => {
  it('is byte-for-byte the same for the same files, whatever order they come in', async () => {
    await writeFile(join(dir, 'main.ts'), 'console.log(1);\n');
    const files: ContextFile[] = [
      { path: 'src/main.ts', source: { file: join(dir, 'main.ts') } },
      { path: 'Dockerfile', source: { content: 'FROM scratch\n' } },
      { path: 'bin/run', source: { content: '#!/bin/sh\n' }, executable: true },
    ];
    await writeContextArchive(join(dir, 'a.tar.gz'), files, 1_700_000_000);
    await writeContextArchive(join(dir, 'b.tar.gz'), [...files].reverse(), 1_700_000_000);
    const [a, b] = await Promise.all([
      readFile(join(dir, 'a.tar.gz')),
      readFile(join(dir, 'b.tar.gz')),
    ]);
    expect(a.equals(b)).toBe(true);
    const headers = await headersOf(a);
    expect(
      headers.map(({ name, mode, uid, gid, mtime }) => ({
        name,
        mode,
        uid,
        gid,
        mtime: mtime?.getTime(),
      })),
    ).toEqual([
      { name: 'Dockerfile', mode: 0o644, uid: 0, gid: 0, mtime: 1_700_000_000_000 },
      { name: 'bin/run', mode: 0o755, uid: 0, gid: 0, mtime: 1_700_000_000_000 },
      { name: 'src/main.ts', mode: 0o644, uid: 0, gid: 0, mtime: 1_700_000_000_000 },
    ]);
    // What the build service accepts: a Dockerfile at the root, nothing escaping it.
    await expect(inspectBuildContext(a)).resolves.toMatchObject({
      dockerfile: 'Dockerfile',
      entries: 3,
    });
  });

  it('leaves nothing behind when a file cannot be read', async () => {
    const files: ContextFile[] = [{ path: 'gone', source: { file: join(dir, 'missing') } }];
    await expect(writeContextArchive(join(dir, 'c.tar.gz'), files, 0)).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });
});
