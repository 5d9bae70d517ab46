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
    ).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 5054,
      LOG_LEVEL: 'info',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: 'agentrt',
      QUEUE_PREFIX: 'agentrt',
      RUNTIME_API_KEY_HASHES: [HASH, 'cd'.repeat(32)],
      RUNTIME_BACKEND: 'local',
      RUNTIME_PUBLIC_URL: 'http://127.0.0.1:5054',
      RUNTIME_IDLE_SECONDS: 1200,
      RUNTIME_DEAD_SECONDS: 86_400,
      WARM_POOLS: [],
      RUNTIME_WORK_PORTS: [],
    });
  });

  it('reads warm pools as JSON, defaulting resource factor and max', () => {
    const config = load({
      REDIS_URL: 'redis://x',
      RUNTIME_API_KEY_HASHES: HASH,
      WARM_POOLS: '[{"image":"img:1","size":3}]',
      RUNTIME_WORK_PORTS: '12000, 12001',
    });
    expect(config.WARM_POOLS).toEqual([{ image: 'img:1', resource_factor: 1, size: 3, max: 3 }]);
    expect(config.RUNTIME_WORK_PORTS).toEqual([12000, 12001]);
  });

  it('names each bad lifecycle variable', () => {
    const env = { REDIS_URL: 'redis://x', RUNTIME_API_KEY_HASHES: HASH };
    expect(() => load({ ...env, WARM_POOLS: 'not json' })).toThrow(/WARM_POOLS: must be JSON/);
    expect(() => load({ ...env, RUNTIME_BACKEND: 'kubernetes' })).toThrow(
      /KUBE_API_SERVER: is required when RUNTIME_BACKEND=kubernetes/,
    );
    expect(() => load({ ...env, RUNTIME_IDLE_SECONDS: '60', RUNTIME_DEAD_SECONDS: '30' })).toThrow(
      /RUNTIME_DEAD_SECONDS: must not be below RUNTIME_IDLE_SECONDS/,
    );
    expect(() => load({ ...env, DOCKER_CREDENTIAL_MOUNTS: 'relative:/x' })).toThrow(
      /DOCKER_CREDENTIAL_MOUNTS/,
    );
    expect(() => load({ ...env, PROXY_TARGET_CACHE_MS: '-5' })).toThrow(/PROXY_TARGET_CACHE_MS/);
  });

  it("caches the proxy's running targets for at most a second unless told; 0 turns it off", () => {
    const env = { REDIS_URL: 'redis://x', RUNTIME_API_KEY_HASHES: HASH };
    expect(load(env).PROXY_TARGET_CACHE_MS).toBe(1000);
    expect(load({ ...env, PROXY_TARGET_CACHE_MS: '0' }).PROXY_TARGET_CACHE_MS).toBe(0);
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
