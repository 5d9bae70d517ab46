import type Redis from 'ioredis';
import { CLAIM_SCRIPT, CREATE_SCRIPT, UPDATE_SCRIPT } from './lua-scripts';
import { runtimeChangesChannel } from './runtime-changes';
import { isLive, type RuntimeRecord } from './runtime-record';

/** Outcome of creating a runtime for a session. */
export type CreateOutcome =
  | { kind: 'created'; record: RuntimeRecord }
  /** The session already has a live runtime: this one. */
  | { kind: 'exists'; runtimeId: string }
  /** The owner already holds its maximum of live runtimes. */
  | { kind: 'limited' };

export type ClaimOutcome = CreateOutcome | { kind: 'conflict' };

/** Thrown when a record keeps changing under a writer (should not happen in practice). */
export class RecordContentionError extends Error {
  override name = 'RecordContentionError';
}

const MAX_UPDATE_ATTEMPTS = 20;

/** Redis key layout, relative to the client's deployment prefix. */
const keys = {
  record: (id: string) => `rt:rec:${id}`,
  session: (sessionId: string) => `rt:session:${sessionId}`,
  live: 'rt:live',
  owner: (owner: string) => `rt:owner:${owner}`,
};

/**
 * Runtime records in Redis. Every write that must not race (create for a session, owner limits,
 * status changes) is one Lua script, which also announces the write (`RuntimeChangeFeed`); plain
 * reads are single commands.
 */
export class RuntimeStore {
  private readonly channel: string;

  constructor(
    private readonly redis: Redis,
    /** How long a stopped or failed runtime stays visible at `/runtime/{id}`. */
    private readonly retentionSeconds = 86_400,
  ) {
    this.channel = runtimeChangesChannel(redis);
  }

  /**
   * Stores a new record; for a session runtime, only if the session has no runtime, or only the
   * failed one named by `replacing` (seen by the caller with bySession).
   */
  async create(record: RuntimeRecord, maxLivePerOwner = 0, replacing = ''): Promise<CreateOutcome> {
    const owned = record.owner !== '';
    const [kind, id] = (await this.redis.eval(
      CREATE_SCRIPT,
      4,
      keys.record(record.runtimeId),
      keys.session(record.sessionId),
      keys.live,
      keys.owner(record.owner),
      JSON.stringify(record),
      record.runtimeId,
      String(maxLivePerOwner),
      owned ? '1' : '0',
      replacing,
      this.channel,
    )) as [string, string];
    if (kind === 'exists') return { kind, runtimeId: id };
    if (kind === 'limited') return { kind };
    return { kind: 'created', record };
  }

  /** Gives an unclaimed warm runtime (`current`) to the session and owner in `next`. */
  async claim(
    current: RuntimeRecord,
    next: RuntimeRecord,
    maxLivePerOwner = 0,
    replacing = '',
  ): Promise<ClaimOutcome> {
    const stored = { ...next, version: current.version + 1 };
    const [kind, id] = (await this.redis.eval(
      CLAIM_SCRIPT,
      3,
      keys.record(current.runtimeId),
      keys.session(next.sessionId),
      keys.owner(next.owner),
      String(current.version),
      JSON.stringify(stored),
      current.runtimeId,
      String(maxLivePerOwner),
      replacing,
      this.channel,
    )) as [string, string];
    if (kind === 'exists') return { kind, runtimeId: id };
    if (kind === 'limited' || kind === 'conflict') return { kind };
    return { kind: 'created', record: stored };
  }

  async get(runtimeId: string): Promise<RuntimeRecord | undefined> {
    const json = await this.redis.get(keys.record(runtimeId));
    return json === null ? undefined : (JSON.parse(json) as RuntimeRecord);
  }

  async getMany(runtimeIds: readonly string[]): Promise<RuntimeRecord[]> {
    if (runtimeIds.length === 0) return [];
    const jsons = await this.redis.mget(runtimeIds.map((id) => keys.record(id)));
    return jsons.flatMap((json) => (json === null ? [] : [JSON.parse(json) as RuntimeRecord]));
  }

  /** The runtime of a session: its live one, or the one that failed last (until replaced). */
  async bySession(sessionId: string): Promise<RuntimeRecord | undefined> {
    const runtimeId = await this.redis.get(keys.session(sessionId));
    return runtimeId === null ? undefined : await this.get(runtimeId);
  }

  /** Every record that still holds resources (including unclaimed warm runtimes). */
  async listLive(): Promise<RuntimeRecord[]> {
    const ids = await this.redis.smembers(keys.live);
    return (await this.getMany(ids.sort())).filter(isLive);
  }

  /** How many live runtimes an owner holds. */
  async countOwned(owner: string): Promise<number> {
    return await this.redis.scard(keys.owner(owner));
  }

  /**
   * Read-modify-write with compare-and-set: `change` sees the latest record and returns the next
   * one, or undefined to leave it alone. Moving to `stopped` or `error` frees the owner slot in the
   * same step, and `stopped` the session too (a failed runtime stays the session's until replaced). Returns the stored record, or undefined when there was none or
   * `change` declined.
   */
  async update(
    runtimeId: string,
    change: (current: RuntimeRecord) => RuntimeRecord | undefined,
  ): Promise<RuntimeRecord | undefined> {
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const current = await this.get(runtimeId);
      if (!current) return undefined;
      const proposed = change(current);
      if (!proposed) return undefined;
      const next = {
        ...proposed,
        version: current.version + 1,
        updatedAt: new Date().toISOString(),
      };
      const result = await this.redis.eval(
        UPDATE_SCRIPT,
        4,
        keys.record(runtimeId),
        keys.session(current.sessionId),
        keys.live,
        keys.owner(current.owner),
        String(current.version),
        JSON.stringify(next),
        runtimeId,
        isLive(next) ? '0' : '1',
        String(this.retentionSeconds),
        next.status === 'error' ? '1' : '0',
        this.channel,
      );
      if (result === 'ok') return next;
      if (result === 'missing') return undefined;
    }
    throw new RecordContentionError(`runtime ${runtimeId} kept changing during an update`);
  }
}
