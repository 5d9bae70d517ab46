import { type AgentDefinition, AgentDefinitionSchema } from '@agentrt/contracts';
import type Redis from 'ioredis';

/** What `create` found: stored, or that id and version already existed (nothing written). */
export type AgentCreateOutcome = { kind: 'created' } | { kind: 'exists' };

const IDS_KEY = 'agents:ids';
const versionsKey = (id: string) => `agents:${id}`;

/**
 * Agent definitions in Redis: one hash per agent (version -> definition), plus the set of ids.
 * Every gateway replica reads the same definitions; nothing is cached, so an update is seen at
 * once everywhere.
 */
export class AgentStore {
  constructor(private readonly redis: Redis) {}

  /** Stores a new version; an existing id+version is left untouched (`exists`). */
  async create(definition: AgentDefinition): Promise<AgentCreateOutcome> {
    const [[, added] = []] =
      (await this.redis
        .multi()
        .hsetnx(versionsKey(definition.id), definition.version, encode(definition))
        .sadd(IDS_KEY, definition.id)
        .exec()) ?? [];
    return added === 1 ? { kind: 'created' } : { kind: 'exists' };
  }

  /** Stores a version, replacing it when it exists; true when it was new. */
  async put(definition: AgentDefinition): Promise<boolean> {
    const [[, added] = []] =
      (await this.redis
        .multi()
        .hset(versionsKey(definition.id), definition.version, encode(definition))
        .sadd(IDS_KEY, definition.id)
        .exec()) ?? [];
    return added === 1;
  }

  /** One version, or the latest (highest version number) when none is named. */
  async get(id: string, version?: string): Promise<AgentDefinition | undefined> {
    if (version !== undefined) {
      const stored = await this.redis.hget(versionsKey(id), version);
      return stored === null ? undefined : decode(stored);
    }
    return (await this.versions(id)).at(-1);
  }

  /** Every version of an agent, oldest first. */
  async versions(id: string): Promise<AgentDefinition[]> {
    const stored = await this.redis.hvals(versionsKey(id));
    return stored.map(decode).sort((a, b) => compareVersions(a.version, b.version));
  }

  /** The latest version of every agent, by id. */
  async list(): Promise<AgentDefinition[]> {
    const ids = (await this.redis.smembers(IDS_KEY)).sort();
    const latest = await Promise.all(ids.map((id) => this.get(id)));
    return latest.filter((agent): agent is AgentDefinition => agent !== undefined);
  }

  /** Deletes one version, or the whole agent; false when there was nothing to delete. */
  async delete(id: string, version?: string): Promise<boolean> {
    const removed =
      version === undefined
        ? await this.redis.del(versionsKey(id))
        : await this.redis.hdel(versionsKey(id), version);
    if ((await this.redis.hlen(versionsKey(id))) === 0) await this.redis.srem(IDS_KEY, id);
    return removed > 0;
  }
}

/** Orders `1` < `1.2` < `1.10` < `2` numerically, part by part (a missing part counts as 0). */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

function encode(definition: AgentDefinition): string {
  return JSON.stringify(definition);
}

/** Stored definitions were validated on the way in; parsing again keeps a corrupt one out. */
function decode(stored: string): AgentDefinition {
  return AgentDefinitionSchema.parse(JSON.parse(stored));
}
