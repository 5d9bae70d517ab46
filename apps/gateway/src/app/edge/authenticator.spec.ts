import type { ApiKeyView } from '@agentrt/contracts';
import { ApiException, hashApiKey } from '@agentrt/platform';
import { Authenticator } from './authenticator';
import type { Caller } from './caller';

const STATIC_KEY = 'static-secret';
const STORED_KEY = 'agrt_stored';
const storedView: ApiKeyView = { id: 'stored01', name: 'n', scopes: ['run'], created_at: 'x' };

/** Strict fakes: they answer only what they were told and record what they received. */
function keyStore(behaviour: 'up' | 'down') {
  const asked: string[] = [];
  return {
    asked,
    find: (key: string) => {
      asked.push(key);
      if (behaviour === 'down') return Promise.reject(new Error('ECONNREFUSED'));
      return Promise.resolve(key === STORED_KEY ? storedView : undefined);
    },
  };
}

const configuredKeys = [
  { hash: hashApiKey(STATIC_KEY), scopes: new Set(['run', 'admin'] as const) },
];

const statusOf = (work: Promise<unknown>) =>
  work.then(
    () => 'resolved',
    (error: unknown) => (error instanceof ApiException ? error.getStatus() : 'other'),
  );

describe('Authenticator', () => {
  it('knows configured keys without asking Redis, with their scopes', async () => {
    const store = keyStore('down');
    const caller = await new Authenticator({ configuredKeys, keyStore: store }).authenticate({
      kind: 'api-key',
      key: STATIC_KEY,
    });
    expect(caller).toEqual({
      id: hashApiKey(STATIC_KEY).slice(0, 16),
      kind: 'api-key',
      scopes: new Set(['run', 'admin']),
    });
    expect(store.asked).toEqual([]);
  });

  it('falls back to keys created on the admin port; unknown keys are 401', async () => {
    const auth = new Authenticator({ configuredKeys, keyStore: keyStore('up') });
    expect(await auth.authenticate({ kind: 'api-key', key: STORED_KEY })).toEqual({
      id: 'stored01',
      kind: 'api-key',
      scopes: new Set(['run']),
    });
    expect(await statusOf(auth.authenticate({ kind: 'api-key', key: 'guess' }))).toBe(401);
  });

  it('fails closed (503) when a key cannot be checked', async () => {
    const auth = new Authenticator({ configuredKeys, keyStore: keyStore('down') });
    expect(await statusOf(auth.authenticate({ kind: 'api-key', key: 'unknown' }))).toBe(503);
  });

  it('is anonymous without credentials, and refuses tokens when OIDC is off', async () => {
    const auth = new Authenticator({ configuredKeys: [], keyStore: keyStore('up') });
    expect(await auth.authenticate({ kind: 'none' })).toMatchObject({ kind: 'anonymous' });
    expect(await statusOf(auth.authenticate({ kind: 'jwt', token: 'a.b.c' }))).toBe(401);
  });

  it('hands tokens to the OIDC verifier', async () => {
    const tokens: string[] = [];
    const jwtCaller: Caller = { id: 'jwt:i#s', kind: 'jwt', scopes: new Set(['debug']) };
    const oidc = { verify: (token: string) => (tokens.push(token), Promise.resolve(jwtCaller)) };
    const auth = new Authenticator({ configuredKeys: [], keyStore: keyStore('up'), oidc });
    expect(await auth.authenticate({ kind: 'jwt', token: 'h.p.s' })).toBe(jwtCaller);
    expect(tokens).toEqual(['h.p.s']);
  });
});
