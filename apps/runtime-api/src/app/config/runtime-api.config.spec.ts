import { ConfigError, loadConfig } from '@agentrt/platform';
import { RuntimeApiConfigSchema } from './runtime-api.config';

const HASH = 'ab'.repeat(32);
const load = (env: Record<string, string>) =>
  loadConfig('runtime-api', RuntimeApiConfigSchema, env);

describe('runtime-api config', () => {
  it('needs only Redis and the key hashes; the rest has local defaults', () => {
    expect(
      load({
        REDIS_URL: 'redis://127.0.0.1:6379',
        RUNTIME_API_KEY_HASHES: `${HASH}, ${'CD'.repeat(32)}`,
      }),
    ).toEqual({
      HOST: '127.0.0.1',
      PORT: 5054,
      LOG_LEVEL: 'info',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: 'agentrt',
      QUEUE_PREFIX: 'agentrt',
      RUNTIME_API_KEY_HASHES: [HASH, 'cd'.repeat(32)],
    });
  });

  it('refuses to start without API key hashes, naming the variable', () => {
    expect(() => load({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(ConfigError);
    expect(() => load({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /RUNTIME_API_KEY_HASHES: is required/,
    );
  });

  it('rejects a queue prefix that would break Redis key patterns', () => {
    expect(() =>
      load({ REDIS_URL: 'redis://x', RUNTIME_API_KEY_HASHES: HASH, QUEUE_PREFIX: 'a b*' }),
    ).toThrow(/QUEUE_PREFIX: letters, digits/);
  });
});
