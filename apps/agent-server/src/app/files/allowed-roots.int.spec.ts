import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiException } from '@agentrt/platform';
import { AllowedRoots, filesystemProbe } from './allowed-roots';

/** The confinement rules against a real filesystem with real symlinks. */
describe('AllowedRoots on the real filesystem', () => {
  let base: string;
  let root: string;
  let outside: string;
  let roots: AllowedRoots;

  beforeEach(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'agentrt-roots-int-')));
    root = join(base, 'root');
    outside = join(base, 'outside');
    await mkdir(join(root, 'dir'), { recursive: true });
    await mkdir(outside);
    await writeFile(join(outside, 'secret.txt'), 'secret');
    await writeFile(join(root, 'dir', 'a.txt'), 'a');
    await symlink(outside, join(root, 'out-dir'));
    await symlink(join(outside, 'secret.txt'), join(root, 'out-file'));
    await symlink(join(root, 'dir'), join(root, 'in-dir'));
    await symlink(join(outside, 'missing'), join(root, 'dangling'));
    roots = new AllowedRoots([root], filesystemProbe);
  });

  afterEach(() => rm(base, { recursive: true, force: true }));

  const status = (path: string) =>
    roots.confine(path).then(
      () => 200,
      (error: unknown) => (error instanceof ApiException ? error.getStatus() : 500),
    );

  it('follows links that stay inside to their real path', async () => {
    await expect(roots.confine(join(root, 'in-dir', 'new', 'b.txt'))).resolves.toEqual({
      path: join(root, 'dir', 'new', 'b.txt'),
      existing: join(root, 'dir'),
    });
  });

  it('refuses links out of the root, to a file or a directory, and `..` out', async () => {
    expect(await status(join(root, 'out-file'))).toBe(403);
    expect(await status(join(root, 'out-dir', 'secret.txt'))).toBe(403);
    expect(await status(join(root, 'out-dir', 'new.txt'))).toBe(403);
    expect(await status(join(root, '..', 'outside', 'secret.txt'))).toBe(403);
  });

  it('refuses a path through a dangling link, which could lead anywhere once created', async () => {
    expect(await status(join(root, 'dangling'))).toBe(400);
    expect(await status(join(root, 'dangling', 'sub', 'c.txt'))).toBe(400);
  });

  it('treats a path below a file as not existing past the file', async () => {
    await expect(roots.confine(join(root, 'dir', 'a.txt', 'x'))).resolves.toEqual({
      path: join(root, 'dir', 'a.txt', 'x'),
      existing: join(root, 'dir', 'a.txt'),
    });
  });
});
