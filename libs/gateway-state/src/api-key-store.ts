import { randomBytes } from 'node:crypto';
import type { ApiKeyCreated, ApiKeyView, GatewayScope } from '@agentrt/contracts';
import { ApiKeyViewSchema } from '@agentrt/contracts';
import { apiKeyIdOf, hashApiKey, matchingKeyHash } from '@agentrt/platform';
import type Redis from 'ioredis';
import { z } from 'zod';

/** Stored per key id: the full hash (to check the key), never the key. */
const StoredKeySchema = ApiKeyViewSchema.extend({ hash: z.string() });
type StoredKey = z.infer<typeof StoredKeySchema>;

const KEYS_HASH = 'gateway:api-keys';
const KEY_PREFIX = 'agrt_';
const MAX_ID_COLLISION_RETRIES = 3;

/**
 * API keys created at runtime (admin port), one Redis hash field per key id. Nothing is cached:
 * every request reads Redis, so a deleted key stops working on every replica at once.
 */
export class ApiKeyStore {
  constructor(
    private readonly redis: Redis,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Creates a key; the plaintext is returned here and nowhere else, ever. */
  async create(name: string, scopes: readonly GatewayScope[]): Promise<ApiKeyCreated> {
    for (let attempt = 0; attempt < MAX_ID_COLLISION_RETRIES; attempt += 1) {
      // 32 random bytes; base64url has no dots, so a key is never mistaken for a JWT.
      const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const hash = hashApiKey(key);
      const stored: StoredKey = {
        id: apiKeyIdOf(hash),
        name,
        scopes: [...scopes],
        created_at: this.clock().toISOString(),
        hash,
      };
      if (await this.redis.hsetnx(KEYS_HASH, stored.id, JSON.stringify(stored))) {
        return { ...viewOf(stored), key };
      }
    }
    throw new Error('could not find a free API key id'); // 64-bit ids: practically unreachable
  }

  /** Every key, oldest first, without secrets. */
  async list(): Promise<ApiKeyView[]> {
    const stored = Object.values(await this.redis.hgetall(KEYS_HASH)).map(decode);
    return stored
      .map(viewOf)
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  }

  /** False when no such key existed. */
  async delete(id: string): Promise<boolean> {
    return (await this.redis.hdel(KEYS_HASH, id)) === 1;
  }

  /** The stored key a presented key is (constant-time hash check), if any. */
  async find(presented: string): Promise<ApiKeyView | undefined> {
    const raw = await this.redis.hget(KEYS_HASH, apiKeyIdOf(hashApiKey(presented)));
    if (raw === null) return undefined;
    const stored = decode(raw);
    return matchingKeyHash(presented, [stored.hash]) ? viewOf(stored) : undefined;
  }
}

function viewOf({ id, name, scopes, created_at }: StoredKey): ApiKeyView {
  return { id, name, scopes, created_at };
}

function decode(raw: string): StoredKey {
  return StoredKeySchema.parse(JSON.parse(raw));
}
