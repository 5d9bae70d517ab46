import { createHash } from 'node:crypto';
import type { BuildOptions } from './build-record';
import { cacheKeyOf } from './cache-key';

const digest = `sha256:${'a'.repeat(64)}`;
const options: BuildOptions = {
  tags: ['reg/app:1', 'reg/app:latest'],
  dockerfile: 'Dockerfile',
  target: 'binary',
  buildArgs: { BASE_IMAGE: 'debian:12', VERSION: '1' },
};

describe('cacheKeyOf', () => {
  it('is the hex sha256 of the sorted-keys JSON of digest and options', () => {
    const canonical =
      `{"contextDigest":"${digest}","options":{"buildArgs":{"BASE_IMAGE":"debian:12","VERSION":"1"},` +
      `"dockerfile":"Dockerfile","tags":["reg/app:1","reg/app:latest"],"target":"binary"}}`;
    expect(cacheKeyOf(digest, options)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('ignores the order build args and options were given in', () => {
    const reordered: BuildOptions = {
      buildArgs: { VERSION: '1', BASE_IMAGE: 'debian:12' },
      target: 'binary',
      dockerfile: 'Dockerfile',
      tags: ['reg/app:1', 'reg/app:latest'],
    };
    expect(cacheKeyOf(digest, reordered)).toBe(cacheKeyOf(digest, options));
  });

  it('changes with the tag order, since the first tag is the image', () => {
    const swapped = { ...options, tags: ['reg/app:latest', 'reg/app:1'] };
    expect(cacheKeyOf(digest, swapped)).not.toBe(cacheKeyOf(digest, options));
  });

  it('changes with anything that changes the image', () => {
    const key = cacheKeyOf(digest, options);
    const variants: BuildOptions[] = [
      { ...options, target: 'source' },
      { ...options, dockerfile: 'other/Dockerfile' },
      { ...options, buildArgs: { ...options.buildArgs, VERSION: '2' } },
    ];
    for (const variant of variants) expect(cacheKeyOf(digest, variant)).not.toBe(key);
    expect(cacheKeyOf(`sha256:${'b'.repeat(64)}`, options)).not.toBe(key);
  });

  it('treats an absent target like an undefined one', () => {
    const withoutTarget: BuildOptions = {
      tags: options.tags,
      dockerfile: 'Dockerfile',
      buildArgs: {},
    };
    expect(cacheKeyOf(digest, withoutTarget)).toBe(
      cacheKeyOf(digest, { ...withoutTarget, target: undefined }),
    );
  });
});
