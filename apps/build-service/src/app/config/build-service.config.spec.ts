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
