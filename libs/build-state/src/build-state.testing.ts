import { randomUUID } from 'node:crypto';
import { closeRedisClient, createRedisClient } from '@agentrt/redis';
import type Redis from 'ioredis';
import type { NewBuildRecord } from './build-store';

// eslint-disable-next-line no-restricted-properties -- the test command says where Redis runs
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * Real Redis for one test: clients under a key prefix of its own (as a deployment would have),
 * a raw client that sees every key, and a cleanup that removes both the keys and the clients.
 */
export class TestRedis {
  readonly prefix = `bs-test-${randomUUID().slice(0, 8)}`;
  readonly connectionName = `${this.prefix}-conn`;
  private readonly clients: Redis[] = [];

  /** A client as the apps create it, under this test's prefix (or another, for isolation). */
  client(prefix = this.prefix): Redis {
    return this.track(
      createRedisClient({ url: REDIS_URL, keyPrefix: prefix, connectionName: this.connectionName }),
    );
  }

  /** A client without a prefix, for looking at what the store really wrote. */
  raw(): Redis {
    return this.track(createRedisClient({ url: REDIS_URL, connectionName: `${this.prefix}-raw` }));
  }

  /** The connection options every client of this test uses, for the Nest module under test. */
  get url(): string {
    return REDIS_URL;
  }

  async cleanup(...prefixes: string[]): Promise<void> {
    const raw = this.raw();
    for (const prefix of [this.prefix, ...prefixes]) {
      const leftovers = await raw.keys(`${prefix}:*`);
      if (leftovers.length > 0) await raw.del(...leftovers);
    }
    await Promise.all(this.clients.splice(0).map(closeRedisClient));
  }

  private track(client: Redis): Redis {
    this.clients.push(client);
    return client;
  }
}

/** A build as runtime-api would create it; each call gets a new id. */
export function newBuild(overrides: Partial<NewBuildRecord> = {}): NewBuildRecord {
  return {
    id: `b-${randomUUID()}`,
    owner: 'key-a',
    contextDigest: `sha256:${'a'.repeat(64)}`,
    cacheKey: 'c'.repeat(64),
    options: { tags: ['127.0.0.1:5000/app:1'], dockerfile: 'Dockerfile', buildArgs: {} },
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}
