import { hashApiKey, loadConfig } from '@agentrt/platform';
import { GatewayConfigSchema } from '../config/gateway.config';

const base = { REDIS_URL: 'redis://x', RUNTIME_API_URL: 'http://x', RUNTIME_API_KEY: 'k' };
const load = (env: Record<string, string>) =>
  loadConfig('gateway', GatewayConfigSchema, { ...base, ...env });

describe('edge config', () => {
  it('defaults: no keys, OIDC off, limits on, proxies untrusted, no CORS, admin on 5054', () => {
    expect(load({})).toMatchObject({
      GATEWAY_API_KEYS: [],
      RATE_LIMIT_PER_KEY_PER_MINUTE: 600,
      RATE_LIMIT_PER_IP_PER_MINUTE: 1200,
      TRUST_PROXY: 0,
      ADMIN_HOST: '127.0.0.1',
      ADMIN_PORT: 5054,
    });
    expect(load({}).OIDC_JWKS_URL).toBeUndefined();
    expect(load({}).CORS_ORIGINS).toBeUndefined();
  });

  it('reads hashed keys with their scopes', () => {
    const hash = hashApiKey('k1');
    const keys = load({
      GATEWAY_API_KEYS: ` ${hash}:run+debug , ${hash.toUpperCase()}:admin`,
    }).GATEWAY_API_KEYS;
    expect(keys).toEqual([
      { hash, scopes: new Set(['run', 'debug']) },
      { hash, scopes: new Set(['admin']) },
    ]);
  });

  it('refuses plaintext keys, unknown scopes, bad origins and bad proxy counts by name', () => {
    expect(() => load({ GATEWAY_API_KEYS: 'my-secret-key:run' })).toThrow(
      /GATEWAY_API_KEYS: entry "my-secret-ke\.\.\." must be <sha256-hex>:<scope>/,
    );
    expect(() => load({ GATEWAY_API_KEYS: `${hashApiKey('k')}:root` })).toThrow(
      /GATEWAY_API_KEYS: scopes must be run, debug or admin/,
    );
    expect(() => load({ CORS_ORIGINS: 'https://a.test/path' })).toThrow(/CORS_ORIGINS/);
    expect(() => load({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY/);
    expect(() => load({ RATE_LIMIT_PER_IP_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_PER_IP/);
  });

  it('reads lists, proxy hops and 0 as "limit off"', () => {
    expect(
      load({
        CORS_ORIGINS: 'https://a.test, *',
        TRUST_PROXY: 'true',
        OIDC_AUDIENCE: 'a,b',
        RATE_LIMIT_PER_KEY_PER_MINUTE: '0',
      }),
    ).toMatchObject({
      CORS_ORIGINS: ['https://a.test', '*'],
      TRUST_PROXY: 1,
      OIDC_AUDIENCE: ['a', 'b'],
      RATE_LIMIT_PER_KEY_PER_MINUTE: 0,
    });
    expect(load({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
  });
});
