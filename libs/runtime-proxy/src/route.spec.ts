import { isPublicPath, routeMatcher } from './route';

describe('routeMatcher', () => {
  const match = routeMatcher(/rt[0-9a-f]{4}/g);

  it('takes a runtime id segment and forwards the rest, query included', () => {
    expect(match('/rt00ab/api/x?y=1')).toEqual({
      runtimeId: 'rt00ab',
      prefix: '/rt00ab',
      upstreamPath: '/api/x?y=1',
      path: '/api/x',
    });
    expect(match('/rt00ab')).toMatchObject({ upstreamPath: '/', path: '/' });
    expect(match('/rt00ab?q=1')).toMatchObject({ upstreamPath: '/?q=1', path: '/' });
  });

  it('reads `<id>-<port>` as a work host', () => {
    expect(match('/rt00ab-8080/app.js')).toEqual({
      runtimeId: 'rt00ab',
      port: 8080,
      prefix: '/rt00ab-8080',
      upstreamPath: '/app.js',
      path: '/app.js',
    });
    expect(match('/rt00ab-0/')).toBeUndefined();
    expect(match('/rt00ab-65536/')).toBeUndefined();
  });

  it('leaves every other path alone, matching the whole segment only', () => {
    for (const url of [
      '/',
      '/list',
      '/start',
      '/health',
      '/rt00abc/x',
      '/xrt00ab',
      '/rt00ab-x/',
      'rt00ab',
      '',
    ]) {
      expect(match(url)).toBeUndefined();
    }
  });

  it('gives the same answer every time, whatever the pattern flags', () => {
    expect([match('/rt00ab'), match('/rt00ab')].every(Boolean)).toBe(true);
  });

  it('accepts a pattern that is already anchored', () => {
    const anchored = routeMatcher(/^[0-9a-f]{20}$/);
    expect(anchored('/0123456789abcdef0123-3000/')).toMatchObject({ port: 3000 });
    expect(anchored('/0123456789abcdef0123/alive')).toMatchObject({ path: '/alive' });
    expect(anchored('/start')).toBeUndefined();
  });
});

describe('isPublicPath', () => {
  it("is true for the agent server's unauthenticated routes only, matched exactly", () => {
    expect(
      ['/alive', '/health', '/ready', '/server_info', '/openapi.json'].every(isPublicPath),
    ).toBe(true);
    expect(['/alive/', '/alive/../api/x', '/api/alive', '/ALIVE'].some(isPublicPath)).toBe(false);
  });
});
