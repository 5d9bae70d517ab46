import { loadConfig } from '@agentrt/platform';
import { GatewayConfigSchema } from './gateway.config';

const load = (env: Record<string, string>) => loadConfig('gateway', GatewayConfigSchema, env);

describe('gateway config', () => {
  it('serves every module on port 5053 by default and trims the runtime-api URL', () => {
    expect(
      load({
        REDIS_URL: 'redis://127.0.0.1:6379',
        RUNTIME_API_URL: 'http://runtime-api:5054/',
        RUNTIME_API_KEY: 'gw-key',
      }),
    ).toMatchObject({
      PORT: 5053,
      SERVER_MODE: 'runtime',
      RUNTIME_API_URL: 'http://runtime-api:5054',
    });
  });

  it('names RUNTIME_API_URL when it is missing or not http', () => {
    expect(() => load({ REDIS_URL: 'redis://x' })).toThrow(
      /RUNTIME_API_URL: is required but not set/,
    );
    expect(() => load({ REDIS_URL: 'redis://x', RUNTIME_API_URL: 'runtime-api:5054' })).toThrow(
      /RUNTIME_API_URL: must be an http\(s\) URL/,
    );
  });

  it('rejects an unknown SERVER_MODE', () => {
    expect(() =>
      load({
        REDIS_URL: 'redis://x',
        RUNTIME_API_URL: 'http://x',
        RUNTIME_API_KEY: 'k',
        SERVER_MODE: 'everything',
      }),
    ).toThrow(/SERVER_MODE/);
  });

  it('needs the key toward runtime-api, and checks the agent domain and secrets dir', () => {
    const base = { REDIS_URL: 'redis://x', RUNTIME_API_URL: 'http://x' };
    expect(() => load(base)).toThrow(/RUNTIME_API_KEY: is required but not set/);
    expect(() => load({ ...base, RUNTIME_API_KEY: 'k', AGENT_DOMAIN: 'Agents_X' })).toThrow(
      /AGENT_DOMAIN: must be a lowercase DNS name/,
    );
    expect(() => load({ ...base, RUNTIME_API_KEY: 'k', LLM_SECRETS_DIR: 'secrets' })).toThrow(
      /LLM_SECRETS_DIR: must be an absolute path/,
    );
    expect(load({ ...base, RUNTIME_API_KEY: 'k' })).toMatchObject({
      RUN_RUNTIME_RELEASE: 'stop',
      RUN_RETENTION_SECONDS: 86_400,
    });
  });

  it('caches proxy targets for at most a second by default; 0 turns the cache off', () => {
    const base = { REDIS_URL: 'redis://x', RUNTIME_API_URL: 'http://x', RUNTIME_API_KEY: 'k' };
    expect(load(base)).toMatchObject({ PROXY_TARGET_CACHE_MS: 1000 });
    expect(load({ ...base, PROXY_TARGET_CACHE_MS: '0' })).toMatchObject({
      PROXY_TARGET_CACHE_MS: 0,
    });
    for (const bad of ['-1', '1.5', 'soon', '60001']) {
      expect(() => load({ ...base, PROXY_TARGET_CACHE_MS: bad })).toThrow(/PROXY_TARGET_CACHE_MS/);
    }
  });
});
