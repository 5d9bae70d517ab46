import { ApiException } from '@agentrt/platform';
import { ANONYMOUS, type Caller } from './caller';
import { credentialOf } from './credentials';
import { isAdminPublicPath, isPublicPath } from './public-paths';
import { requireScope } from './require-scope';

describe('credentialOf', () => {
  it('prefers X-API-Key, then tells a bearer JWT from a bearer API key', () => {
    expect(credentialOf({ 'x-api-key': 'k1', authorization: 'Bearer a.b.c' })).toEqual({
      kind: 'api-key',
      key: 'k1',
    });
    expect(credentialOf({ authorization: 'Bearer eyJh.eyJz.sig-_' })).toEqual({
      kind: 'jwt',
      token: 'eyJh.eyJz.sig-_',
    });
    expect(credentialOf({ authorization: 'bearer agrt_abc-DEF' })).toEqual({
      kind: 'api-key',
      key: 'agrt_abc-DEF',
    });
    expect(credentialOf({ authorization: 'Basic dXNlcjpwdw==' })).toEqual({ kind: 'none' });
    expect(credentialOf({})).toEqual({ kind: 'none' });
  });
});

describe('public paths', () => {
  it('opens health and the API documents only', () => {
    for (const path of [
      '/health',
      '/openapi.json',
      '/swagger',
      '/swagger/index.html',
      '/postman',
    ]) {
      expect(isPublicPath(path)).toBe(true);
    }
    expect(isPublicPath('/chatgpt/openapi.json')).toBe(true);
    for (const path of ['/api/run', '/v1/models', '/mcp', '/alexa', '/healthz', '/health/x', '/']) {
      expect(isPublicPath(path)).toBe(false);
    }
    expect(isAdminPublicPath('/health')).toBe(true);
    expect(isAdminPublicPath('/keys')).toBe(false);
    expect(isAdminPublicPath('/openapi.json')).toBe(false);
  });
});

describe('requireScope', () => {
  const refusal = (caller: Caller) => {
    try {
      requireScope(caller, 'debug');
      return undefined;
    } catch (error) {
      return error instanceof ApiException ? [error.getStatus(), error.code] : error;
    }
  };

  it('asks anonymous callers to authenticate (401) and refuses missing scopes (403)', () => {
    expect(refusal(ANONYMOUS)).toEqual([401, 'unauthorized']);
    expect(refusal({ id: 'k', kind: 'api-key', scopes: new Set(['run']) })).toEqual([
      403,
      'forbidden',
    ]);
    expect(refusal({ id: 'k', kind: 'jwt', scopes: new Set(['debug']) })).toBeUndefined();
  });
});
