import { BuildContextError, type BuildContextFailure } from './build-context-error';
import { inspectBuildContext } from './inspect-build-context';
import { contextOf, DOCKERFILE, type FixtureEntry } from './testing/context-fixtures';

interface Case {
  title: string;
  entries: FixtureEntry[];
  reason: BuildContextFailure;
  /** The entry name the message must mention. */
  names: string;
}

const cases: Case[] = [
  {
    title: 'a ../ traversal',
    entries: [DOCKERFILE, { name: '../x', body: 'x' }],
    reason: 'path_escape',
    names: '../x',
  },
  {
    title: 'a traversal hidden mid-path',
    entries: [DOCKERFILE, { name: 'a/../../x', body: 'x' }],
    reason: 'path_escape',
    names: 'a/../../x',
  },
  {
    title: 'an absolute path',
    entries: [DOCKERFILE, { name: '/etc/passwd', body: 'root' }],
    reason: 'absolute_path',
    names: '/etc/passwd',
  },
  {
    title: 'a symlink to an absolute directory',
    entries: [DOCKERFILE, { name: 'etc', type: 'symlink', linkname: '/etc' }],
    reason: 'link_escape',
    names: 'etc',
  },
  {
    title: 'a relative symlink climbing out',
    entries: [
      DOCKERFILE,
      { name: 'a', type: 'directory' },
      { name: 'a/up', type: 'symlink', linkname: '../../' },
    ],
    reason: 'link_escape',
    names: 'a/up',
  },
  {
    title: 'a hard link to a path outside',
    entries: [DOCKERFILE, { name: 'shadow', type: 'link', linkname: '../etc/shadow' }],
    reason: 'link_escape',
    names: 'shadow',
  },
  {
    title: 'a hard link to an absolute path',
    entries: [DOCKERFILE, { name: 'shadow', type: 'link', linkname: '/etc/shadow' }],
    reason: 'link_escape',
    names: 'shadow',
  },
  {
    title: 'an entry reached through a symlinked directory',
    entries: [
      DOCKERFILE,
      { name: 'a', type: 'symlink', linkname: '.' },
      { name: 'a/b/l', type: 'symlink', linkname: '../../x' },
    ],
    reason: 'link_escape',
    names: 'a/b/l',
  },
  {
    title: 'a character device',
    entries: [DOCKERFILE, { name: 'null', type: 'character-device', devmajor: 1, devminor: 3 }],
    reason: 'device_file',
    names: 'null',
  },
  {
    title: 'a block device',
    entries: [DOCKERFILE, { name: 'sda', type: 'block-device', devmajor: 8, devminor: 0 }],
    reason: 'device_file',
    names: 'sda',
  },
  {
    title: 'a FIFO',
    entries: [DOCKERFILE, { name: 'pipe', type: 'fifo' }],
    reason: 'device_file',
    names: 'pipe',
  },
  {
    title: 'no Dockerfile',
    entries: [{ name: 'README.md', body: 'hi' }],
    reason: 'no_dockerfile',
    names: 'Dockerfile',
  },
  {
    title: 'a Dockerfile that is a directory',
    entries: [{ name: 'Dockerfile', type: 'directory' }],
    reason: 'no_dockerfile',
    names: 'Dockerfile',
  },
  {
    title: 'a Dockerfile that is a symlink',
    entries: [
      { name: 'real.Dockerfile', body: 'FROM scratch\n' },
      { name: 'Dockerfile', type: 'symlink', linkname: 'real.Dockerfile' },
    ],
    reason: 'no_dockerfile',
    names: 'Dockerfile',
  },
];

describe('inspectBuildContext refuses malicious contexts', () => {
  it.each(cases)('refuses $title with $reason', async ({ entries, reason, names }) => {
    const error = await inspectBuildContext(await contextOf(entries)).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(BuildContextError);
    expect(error).toMatchObject({ reason });
    expect((error as BuildContextError).message).toContain(`'${names}'`);
  });

  it('refuses a Dockerfile path that points outside the context', async () => {
    const context = await contextOf([DOCKERFILE]);

    await expect(
      inspectBuildContext(context, { dockerfile: '../Dockerfile' }),
    ).rejects.toMatchObject({
      reason: 'no_dockerfile',
      message: expect.stringContaining("'../Dockerfile'"),
    });
  });
});
