import { ApiException } from '@agentrt/platform';
import { AllowedRoots, type PathProbe } from './allowed-roots';

/**
 * A filesystem as a map from every existing path to its real path; anything absent does not
 * exist. Here /workspace holds a link to /etc and a link to its own `real` directory.
 */
function fakeFilesystem(): PathProbe {
  const real = new Map([
    ['/', '/'],
    ['/home', '/home'],
    ['/home/agent', '/home/agent'],
    ['/workspace', '/workspace'],
    ['/workspace/real', '/workspace/real'],
    ['/workspace/real/a.txt', '/workspace/real/a.txt'],
    ['/workspace/inner-link', '/workspace/real'],
    ['/workspace/inner-link/a.txt', '/workspace/real/a.txt'],
    ['/workspace/etc-link', '/etc'],
    ['/workspace/passwd-link', '/etc/passwd'],
    ['/etc', '/etc'],
    ['/etc/passwd', '/etc/passwd'],
  ]);
  return { realpath: (path) => Promise.resolve(real.get(path)) };
}

const roots = () => new AllowedRoots(['/workspace', '/home/agent', '/gone'], fakeFilesystem());

async function refusal(path: string): Promise<ApiException> {
  const error: unknown = await roots()
    .confine(path)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!(error instanceof ApiException)) throw new Error(`${path} was not refused`);
  return error;
}

describe('AllowedRoots', () => {
  it('accepts existing and new paths inside a root', async () => {
    await expect(roots().confine('/workspace/real/a.txt')).resolves.toEqual({
      path: '/workspace/real/a.txt',
      existing: '/workspace/real/a.txt',
    });
    await expect(roots().confine('/home/agent/new/dir/b.bin')).resolves.toEqual({
      path: '/home/agent/new/dir/b.bin',
      existing: '/home/agent',
    });
  });

  it('accepts a root itself', async () => {
    await expect(roots().confine('/workspace')).resolves.toMatchObject({ path: '/workspace' });
  });

  it('resolves `..` and links that stay inside, answering the real path', async () => {
    await expect(roots().confine('/workspace/x/../real/./a.txt')).resolves.toMatchObject({
      path: '/workspace/real/a.txt',
    });
    await expect(roots().confine('/workspace/inner-link/new.txt')).resolves.toEqual({
      path: '/workspace/real/new.txt',
      existing: '/workspace/real',
    });
  });

  it('refuses `..` climbing out of a root, with 403 naming the roots', async () => {
    const error = await refusal('/workspace/../etc/passwd');
    expect(error.getStatus()).toBe(403);
    expect(error.detail).toContain('/workspace, /home/agent');
  });

  it('refuses links leading out, to a file or through a directory', async () => {
    expect((await refusal('/workspace/passwd-link')).getStatus()).toBe(403);
    expect((await refusal('/workspace/etc-link/passwd')).getStatus()).toBe(403);
    expect((await refusal('/workspace/etc-link/new/file.txt')).getStatus()).toBe(403);
  });

  it('refuses look-alike siblings of a root and paths elsewhere', async () => {
    expect((await refusal('/workspace-other/a.txt')).getStatus()).toBe(403);
    expect((await refusal('/home/agent2/a.txt')).getStatus()).toBe(403);
    expect((await refusal('/')).getStatus()).toBe(403);
  });

  it('skips a root that does not exist instead of allowing everything under it', async () => {
    expect((await refusal('/gone/a.txt')).getStatus()).toBe(403);
  });
});
