import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

import { inspectBuildContext } from './inspect-build-context';
import { contextOf, DOCKERFILE, tarOf, type FixtureEntry } from './testing/context-fixtures';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('inspectBuildContext accepts good contexts', () => {
  it('reports the digest and sizes of a context with nested directories', async () => {
    const entries: FixtureEntry[] = [
      { name: './Dockerfile', body: 'FROM node\nCOPY src /src\n' },
      { name: 'src', type: 'directory' },
      { name: 'src/app', type: 'directory' },
      { name: 'src//app/main.js', body: 'console.log(1)\n' },
      { name: 'src/app/../lib.js', body: 'module.exports = 1\n' },
    ];
    const tar = await tarOf(entries);
    const context = gzipSync(tar);

    await expect(inspectBuildContext(context)).resolves.toEqual({
      sha256: sha256(context),
      compressedBytes: context.length,
      expandedBytes: tar.length,
      entries: 5,
      dockerfile: 'Dockerfile',
    });
  });

  it('finds a named Dockerfile in a subdirectory', async () => {
    const context = await contextOf([{ name: 'docker/build.Dockerfile', body: 'FROM scratch\n' }]);

    const summary = await inspectBuildContext(context, {
      dockerfile: './docker//build.Dockerfile',
    });

    expect(summary.dockerfile).toBe('docker/build.Dockerfile');
  });

  it('accepts symlinks and hard links that stay inside the root', async () => {
    const context = await contextOf([
      DOCKERFILE,
      { name: 'src/app/main.js', body: 'x' },
      { name: 'current', type: 'symlink', linkname: 'src/app' },
      { name: 'src/app/root', type: 'symlink', linkname: '../..' },
      { name: 'copy.js', type: 'link', linkname: 'src/app/main.js' },
    ]);

    await expect(inspectBuildContext(context)).resolves.toMatchObject({ entries: 5 });
  });

  it('gives the same summary for a stream as for a buffer', async () => {
    const context = await contextOf([DOCKERFILE, { name: 'a.txt', body: 'a'.repeat(100_000) }]);

    const fromStream = await inspectBuildContext(
      Readable.from([context.subarray(0, 50), context.subarray(50)]),
    );

    expect(fromStream).toEqual(await inspectBuildContext(context));
  });
});
