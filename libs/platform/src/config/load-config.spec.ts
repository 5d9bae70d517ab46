import { z } from 'zod';
import { ConfigError } from './config-error';
import { booleanVar, httpUrlVar, keyHashesVar, listVar, portVar, redisUrlVar } from './env-vars';
import { loadConfig } from './load-config';

const schema = z.object({
  PORT: portVar(5054),
  REDIS_URL: redisUrlVar(),
  UPSTREAM_URL: httpUrlVar(),
  DEBUG: booleanVar(false),
  TAGS: listVar().default([]),
  KEY_HASHES: keyHashesVar(),
});
const HASH = 'a'.repeat(64);
const valid = {
  REDIS_URL: 'redis://127.0.0.1:6379',
  UPSTREAM_URL: 'http://127.0.0.1:5054/',
  KEY_HASHES: HASH,
};

function configErrorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig('test-app', schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults and converts types', () => {
    const config = loadConfig('test-app', schema, { ...valid, DEBUG: 'yes', TAGS: 'a, b,,c' });
    expect(config).toEqual({
      PORT: 5054,
      REDIS_URL: 'redis://127.0.0.1:6379',
      UPSTREAM_URL: 'http://127.0.0.1:5054',
      DEBUG: true,
      TAGS: ['a', 'b', 'c'],
      KEY_HASHES: [HASH],
    });
  });

  it('names a missing required variable', () => {
    const error = configErrorOf({ ...valid, REDIS_URL: undefined });
    expect(error.variables).toEqual(['REDIS_URL']);
    expect(error.message).toContain(
      'test-app: invalid configuration: REDIS_URL: is required but not set',
    );
  });

  it('reports every faulty variable at once, each by name', () => {
    const error = configErrorOf({
      ...valid,
      PORT: '70000',
      DEBUG: 'maybe',
      UPSTREAM_URL: 'ftp://x',
    });
    expect(error.variables.sort()).toEqual(['DEBUG', 'PORT', 'UPSTREAM_URL']);
    expect(error.message).toMatch(/PORT: must be between 1 and 65535/);
    expect(error.message).toMatch(/DEBUG: must be true or false/);
    expect(error.message).toMatch(/UPSTREAM_URL: must be an http\(s\) URL/);
  });

  it('rejects a port that is not a number', () => {
    expect(configErrorOf({ ...valid, PORT: 'eighty' }).message).toMatch(
      /PORT: must be a TCP port number/,
    );
  });

  it('rejects a plain key where a key hash is expected, without echoing it', () => {
    const error = configErrorOf({ ...valid, KEY_HASHES: 'my-secret-key' });
    expect(error.message).toMatch(/KEY_HASHES.*sha256 hex digest/);
    expect(error.message).not.toContain('my-secret-key');
  });

  it('explains how to make a key hash when none is set', () => {
    expect(configErrorOf({ ...valid, KEY_HASHES: undefined }).message).toMatch(
      /KEY_HASHES: is required.*hash-key/,
    );
  });

  it('rejects a Redis URL of another scheme', () => {
    expect(configErrorOf({ ...valid, REDIS_URL: 'http://localhost' }).message).toMatch(
      /REDIS_URL: must be a redis:\/\//,
    );
  });
});
