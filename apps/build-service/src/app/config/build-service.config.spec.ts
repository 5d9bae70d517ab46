import { loadConfig } from '@agentrt/platform';
import { BuildServiceConfigSchema } from './build-service.config';

const load = (env: Record<string, string>) =>
  loadConfig('build-service', BuildServiceConfigSchema, env);

describe('build-service config', () => {
  it('defaults to two concurrent jobs and a worker id from host and pid', () => {
    const config = load({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config).toMatchObject({ PORT: 5055, WORKER_CONCURRENCY: 2, QUEUE_PREFIX: 'agentrt' });
    expect(config.WORKER_ID).toMatch(new RegExp(`-${process.pid}$`));
  });

  it('names REDIS_URL when it is missing', () => {
    expect(() => load({})).toThrow(
      /build-service: invalid configuration: REDIS_URL: is required but not set/,
    );
  });

  it('bounds the concurrency', () => {
    expect(() => load({ REDIS_URL: 'redis://x', WORKER_CONCURRENCY: '0' })).toThrow(
      /WORKER_CONCURRENCY: must be at least 1/,
    );
    expect(() => load({ REDIS_URL: 'redis://x', WORKER_CONCURRENCY: 'lots' })).toThrow(
      /WORKER_CONCURRENCY: must be a number/,
    );
  });
});

describe('build-service build settings', () => {
  it('defaults to docker builds, 30 min timeout, 7 days retention, no build args', () => {
    const config = load({ REDIS_URL: 'redis://x' });
    expect(config).toMatchObject({
      BUILD_MODE: 'docker',
      BUILD_TIMEOUT_SECONDS: 1800,
      BUILD_RETENTION_SECONDS: 604_800,
      BUILD_DEFAULT_ARGS: {},
    });
  });

  it('reads default build args as KEY=VALUE pairs, values may hold "="', () => {
    const config = load({ REDIS_URL: 'redis://x', BUILD_DEFAULT_ARGS: 'BASE_IMAGE=a:b, X=1=2' });
    expect(config.BUILD_DEFAULT_ARGS).toEqual({ BASE_IMAGE: 'a:b', X: '1=2' });
    expect(() => load({ REDIS_URL: 'redis://x', BUILD_DEFAULT_ARGS: 'nope' })).toThrow(
      /BUILD_DEFAULT_ARGS.*KEY=VALUE/,
    );
  });

  it('requires the API server and the context volume for kubernetes builds', () => {
    expect(() => load({ REDIS_URL: 'redis://x', BUILD_MODE: 'kubernetes' })).toThrow(
      /KUBE_API_SERVER: is required when BUILD_MODE=kubernetes.*KUBE_CONTEXT_PVC/s,
    );
  });
});
