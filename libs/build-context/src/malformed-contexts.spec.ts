import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import { inspectBuildContext } from './inspect-build-context';
import { contextOf, DOCKERFILE, tarOf } from './testing/context-fixtures';

describe('inspectBuildContext refuses malformed archives', () => {
  it('refuses plain text as not gzip', async () => {
    await expect(inspectBuildContext(Buffer.from('FROM scratch\n'))).rejects.toMatchObject({
      reason: 'not_gzip',
    });
  });

  it('refuses an uncompressed tar as not gzip', async () => {
    await expect(inspectBuildContext(await tarOf([DOCKERFILE]))).rejects.toMatchObject({
      reason: 'not_gzip',
    });
  });

  it('refuses a truncated gzip stream as a bad archive', async () => {
    const context = await contextOf([
      DOCKERFILE,
      { name: 'noise', body: randomBytes(20_000).toString('hex') },
    ]);

    await expect(
      inspectBuildContext(context.subarray(0, context.length / 2)),
    ).rejects.toMatchObject({
      reason: 'bad_tar',
      message: expect.stringContaining('truncated'),
    });
  });

  it('refuses gzip holding something other than a tar', async () => {
    const context = gzipSync(Buffer.from('this is not a tar archive\n'.repeat(100)));

    await expect(inspectBuildContext(context)).rejects.toMatchObject({ reason: 'bad_tar' });
  });

  it('refuses a tar cut off in the middle of a file, even inside valid gzip', async () => {
    const tar = await tarOf([DOCKERFILE, { name: 'big.txt', body: 'b'.repeat(4096) }]);

    await expect(inspectBuildContext(gzipSync(tar.subarray(0, 2048)))).rejects.toMatchObject({
      reason: 'bad_tar',
    });
  });
});
