import { inlineSecretValues, resolveSecretValues } from './secret-values';

describe('secret values', () => {
  const secrets = {
    PLAIN: 'p-1',
    WRAPPED: { value: 'w-2' },
    STATIC: { kind: 'StaticSecret' as const, value: 's-3' },
    LOOKUP: { kind: 'LookupSecret' as const, url: 'http://127.0.0.1:9/token', headers: { a: 'b' } },
  };

  it('takes every inline spelling as given and leaves lookups out', () => {
    expect(inlineSecretValues(secrets)).toEqual({ PLAIN: 'p-1', WRAPPED: 'w-2', STATIC: 's-3' });
  });

  it('fetches lookups with their headers, and names the ones that failed', async () => {
    const calls: string[] = [];
    const resolved = await resolveSecretValues(
      { ...secrets, BROKEN: { kind: 'LookupSecret', url: 'http://127.0.0.1:9/gone' } },
      (url, headers) => {
        calls.push(`${url} ${JSON.stringify(headers)}`);
        return url.endsWith('token') ? Promise.resolve('l-4') : Promise.reject(new Error('404'));
      },
    );
    expect(resolved).toEqual({
      values: { PLAIN: 'p-1', WRAPPED: 'w-2', STATIC: 's-3', LOOKUP: 'l-4' },
      failed: ['BROKEN'],
    });
    expect(calls.sort()).toEqual([
      'http://127.0.0.1:9/gone {}',
      'http://127.0.0.1:9/token {"a":"b"}',
    ]);
  });
});
