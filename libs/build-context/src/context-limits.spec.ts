import { randomBytes } from 'node:crypto';

import { inspectBuildContext } from './inspect-build-context';
import {
  contextOf,
  DOCKERFILE,
  meteredSource,
  zeroBomb,
  type FixtureEntry,
} from './testing/context-fixtures';

const MB = 1_000_000;

describe('inspectBuildContext enforces size limits', () => {
  let bomb: Buffer;

  beforeAll(async () => {
    bomb = await zeroBomb(200 * MB);
  });

  it('refuses a gzip bomb by ratio and stops reading early', async () => {
    const source = meteredSource(bomb);

    await expect(
      inspectBuildContext(source.stream, { maxExpandedBytes: 50 * MB }),
    ).rejects.toMatchObject({
      reason: 'bomb',
      message: expect.stringContaining('times its compressed size'),
    });
    expect(source.read()).toBeLessThan(bomb.length / 10);
    expect(source.stream.destroyed).toBe(true);
  });

  it('refuses a gzip bomb by expanded size when the ratio limit allows it', async () => {
    const source = meteredSource(bomb);

    await expect(
      inspectBuildContext(source.stream, {
        maxExpandedBytes: 50 * MB,
        maxRatio: Number.POSITIVE_INFINITY,
      }),
    ).rejects.toMatchObject({
      reason: 'bomb',
      message: expect.stringContaining(`past ${50 * MB} bytes`),
    });
    expect(source.read()).toBeLessThan(bomb.length / 2);
  });

  it('refuses a context over the compressed size limit without reading all of it', async () => {
    const noise = randomBytes(500_000).toString('hex');
    const context = await contextOf([DOCKERFILE, { name: 'noise', body: noise }]);
    const source = meteredSource(context);

    await expect(
      inspectBuildContext(source.stream, { maxCompressedBytes: 100_000 }),
    ).rejects.toMatchObject({
      reason: 'too_large',
    });
    expect(source.read()).toBeLessThan(context.length / 2);
  });

  it('refuses too many entries, naming the first one over the limit', async () => {
    const files: FixtureEntry[] = Array.from({ length: 10 }, (_, index) => ({
      name: `f${index}`,
      body: '',
    }));
    const context = await contextOf([DOCKERFILE, ...files]);

    await expect(inspectBuildContext(context, { maxEntries: 10 })).rejects.toMatchObject({
      reason: 'too_many_entries',
      message: expect.stringContaining("'f9'"),
    });
  });

  it('accepts a context exactly at the entry limit', async () => {
    const context = await contextOf([DOCKERFILE, { name: 'one', body: '' }]);

    await expect(inspectBuildContext(context, { maxEntries: 2 })).resolves.toMatchObject({
      entries: 2,
    });
  });
});
