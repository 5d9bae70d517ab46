import type Redis from 'ioredis';
import { isTerminalRun, type RunRecord } from './run-record';

export interface RunStoreOptions {
  /** How long a run record is kept after it was created. */
  retentionSeconds: number;
}

const runKey = (id: string) => `runs:${id}`;
const ownerKey = (owner: string) => `runs:owner:${owner}`;
const eventsKey = (id: string) => `runs:${id}:events`;

/** Most events kept per finished run (the newest); enough for any reasonable transcript. */
export const MAX_SAVED_EVENTS = 2_000;

/**
 * Merges a patch into a stored run unless the run has already ended: a late "succeeded" never
 * overwrites "cancelled" and the other way round. Returns the record as it is afterwards.
 */
const PATCH_SCRIPT = `
local stored = redis.call('GET', KEYS[1])
if not stored then return false end
local record = cjson.decode(stored)
local terminal = { succeeded = true, failed = true, cancelled = true, timed_out = true }
if terminal[record.status] and ARGV[2] ~= '1' then return stored end
local patch = cjson.decode(ARGV[1])
for field, value in pairs(patch) do record[field] = value end
local updated = cjson.encode(record)
redis.call('SET', KEYS[1], updated, 'KEEPTTL')
return updated
`;

/** Agent and debug runs in Redis, so any gateway replica can report, follow or cancel any run. */
export class RunStore {
  constructor(
    private readonly redis: Redis,
    private readonly options: RunStoreOptions,
  ) {}

  async create(record: RunRecord): Promise<void> {
    const ttl = this.options.retentionSeconds;
    const score = Date.parse(record.created_at);
    await this.redis
      .multi()
      .set(runKey(record.run_id), JSON.stringify(record), 'EX', ttl)
      .zadd(ownerKey(record.owner), score, record.run_id)
      .expire(ownerKey(record.owner), ttl)
      .exec();
  }

  async get(runId: string): Promise<RunRecord | undefined> {
    const stored = await this.redis.get(runKey(runId));
    return stored === null ? undefined : (JSON.parse(stored) as RunRecord);
  }

  /**
   * Applies `patch` atomically while the run is unfinished (or always with `force`, for fields
   * such as the runtime that may be filled in after the end). Undefined when the run is gone.
   */
  async patch(
    runId: string,
    patch: Partial<RunRecord>,
    force = false,
  ): Promise<RunRecord | undefined> {
    const updated = (await this.redis.eval(
      PATCH_SCRIPT,
      1,
      runKey(runId),
      JSON.stringify(patch),
      force ? '1' : '0',
    )) as string | null;
    return updated === null ? undefined : (JSON.parse(updated) as RunRecord);
  }

  /** An owner's runs, newest first, with how many there are in all. */
  async list(
    owner: string,
    options: { kind: RunRecord['kind']; offset: number; limit: number },
  ): Promise<{ runs: RunRecord[]; total: number }> {
    const ids = await this.redis.zrevrange(ownerKey(owner), 0, -1);
    const stored = ids.length > 0 ? await this.redis.mget(...ids.map(runKey)) : [];
    const expired = ids.filter((_, i) => stored[i] === null);
    if (expired.length > 0) await this.redis.zrem(ownerKey(owner), ...expired);
    const runs = stored
      .flatMap((text) => (text === null ? [] : [JSON.parse(text) as RunRecord]))
      .filter((run) => run.kind === options.kind);
    return {
      runs: runs.slice(options.offset, options.offset + options.limit),
      total: runs.length,
    };
  }

  /**
   * Keeps a run's events after its runtime is gone, so the run can still be followed and read
   * once it has ended (the newest MAX_SAVED_EVENTS, oldest first).
   */
  async saveEvents(runId: string, events: readonly unknown[]): Promise<void> {
    const kept = events.slice(-MAX_SAVED_EVENTS);
    await this.redis.set(
      eventsKey(runId),
      JSON.stringify(kept),
      'EX',
      this.options.retentionSeconds,
    );
  }

  /** The saved events of an ended run; undefined when none were saved (yet). */
  async savedEvents(runId: string): Promise<unknown[] | undefined> {
    const stored = await this.redis.get(eventsKey(runId));
    return stored === null ? undefined : (JSON.parse(stored) as unknown[]);
  }

  /**
   * The run, or, when it is unfinished but its replica's heartbeat is older than `staleMs` (the
   * replica died), the run failed with that reason, so it never stays `running` forever.
   */
  async getLive(runId: string, staleMs: number): Promise<RunRecord | undefined> {
    const record = await this.get(runId);
    if (!record || isTerminalRun(record.status)) return record;
    const beat = Date.parse(record.heartbeat_at ?? record.created_at);
    if (Date.now() - beat <= staleMs) return record;
    const error = 'the gateway replica carrying out this run stopped answering';
    return this.patch(runId, { status: 'failed', error, finished_at: new Date().toISOString() });
  }

  /** True once the run has ended (or is gone). */
  async isFinished(runId: string): Promise<boolean> {
    const run = await this.get(runId);
    return !run || isTerminalRun(run.status);
  }
}
