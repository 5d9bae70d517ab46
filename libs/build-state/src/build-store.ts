import { type BuildStatus, isTerminalBuildStatus } from '@agentrt/contracts';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type {
  BuildPatch,
  BuildRecord,
  CachedImage,
  CreateBuildOutcome,
  TransitionOutcome,
} from './build-record';
import { buildKeys as keys } from './build-keys';
import { subscribeChannel } from './channel-subscription';
import { CREATE_SCRIPT } from './lua-scripts';
import { expiredView, parseCached, parseRecord } from './record-codec';
import { RecordWriter } from './record-writer';

export interface BuildStoreOptions {
  /**
   * Finished builds answer EXPIRED once finished longer ago than this, and cached images stop
   * being reused; the record itself is deleted after twice this.
   */
  retentionSeconds: number;
}

/** A build as its creator describes it; the store sets status, attempt and cancelRequested. */
export type NewBuildRecord = Omit<BuildRecord, 'status' | 'attempt' | 'cancelRequested'>;

/**
 * Build records in Redis, shared by runtime-api (creates, reads, cancels) and build-service
 * (moves builds through their statuses). Every write that must not race is one Lua script.
 *
 * Key layout (relative to the client's deployment prefix):
 * - `build:rec:{id}`: the record (JSON)
 * - `build:active`: ids of unfinished builds (for the worker's reconciler)
 * - `build:owner:{owner}`: ids of the owner's unfinished builds (per-key limit)
 * - `build:cache:{cacheKey}`: the CachedImage of an earlier SUCCESS
 * - channel `build:cancel`: ids whose cancel was requested
 */
export class BuildStore {
  private readonly logger = new Logger(BuildStore.name);
  private readonly retentionSeconds: number;
  private readonly records: RecordWriter;
  /** ioredis prefixes keys but not channels, so the deployment prefix is added here. */
  private readonly cancelChannel: string;

  constructor(
    private readonly redis: Redis,
    options: BuildStoreOptions,
  ) {
    const { retentionSeconds } = options;
    // Redis expiries are whole seconds; a fraction or zero would fail inside a Lua script later.
    if (!Number.isInteger(retentionSeconds) || retentionSeconds <= 0) {
      throw new RangeError(`retentionSeconds must be a whole number above 0: ${retentionSeconds}`);
    }
    this.retentionSeconds = retentionSeconds;
    this.records = new RecordWriter(redis, 2 * retentionSeconds);
    this.cancelChannel = `${redis.options.keyPrefix ?? ''}${keys.cancelChannel}`;
  }

  /**
   * Stores a new PENDING record (attempt 0, cancelRequested false) and counts it against its
   * owner, unless the owner already has `maxActivePerOwner` unfinished builds.
   * The limit is taken literally (0 admits nothing). An id that is already taken throws: ids
   * are random, so that is a caller's bug, never a user's mistake.
   */
  async create(record: NewBuildRecord, maxActivePerOwner: number): Promise<CreateBuildOutcome> {
    const stored: BuildRecord = {
      ...record,
      status: 'PENDING',
      attempt: 0,
      cancelRequested: false,
    };
    const reply = await this.redis.eval(
      CREATE_SCRIPT,
      3,
      keys.record(record.id),
      keys.active,
      keys.owner(record.owner),
      JSON.stringify(stored),
      record.id,
      String(Math.max(0, maxActivePerOwner)),
    );
    const [kind, active] = reply as [string, number];
    if (kind === 'limited') return { kind, active };
    if (kind === 'exists') throw new Error(`build ${record.id} already exists`);
    return { kind: 'created', record: stored };
  }

  /** Stores a build answered from the cache: SUCCESS at once, never counted as active. */
  async createCached(record: NewBuildRecord, cached: CachedImage): Promise<BuildRecord> {
    const stored: BuildRecord = {
      ...record,
      status: 'SUCCESS',
      attempt: 0,
      cancelRequested: false,
      image: cached.image,
      imageDigest: cached.imageDigest,
      imageSizeBytes: cached.imageSizeBytes,
      cachedFrom: cached.buildId,
      finishedAt: record.finishedAt ?? new Date().toISOString(),
    };
    const json = JSON.stringify(stored);
    const ttl = 2 * this.retentionSeconds;
    const ok = await this.redis.set(keys.record(record.id), json, 'EX', ttl, 'NX');
    if (ok !== 'OK') throw new Error(`build ${record.id} already exists`);
    return stored;
  }

  /**
   * The record, or undefined for an unknown (or deleted) id. A finished build older than the
   * retention is moved to EXPIRED (image fields dropped, error saying so) as it is read.
   */
  async get(id: string): Promise<BuildRecord | undefined> {
    const result = await this.records.write(id, (current) =>
      expiredView(current, this.retentionSeconds, Date.now()),
    );
    return result.kind === 'missing' ? undefined : result.record;
  }

  /**
   * Compare-and-set: applies `status` and `patch` only while the record is in one of `from`.
   * Moving to a finished status also sets `finishedAt` (unless patched), removes the build from
   * the active and owner sets and gives the record its expiry (2 x retention).
   * Leaving a finished status for an unfinished one is refused with an error: finished builds
   * never run again, and their owner slot is already given back.
   */
  async transition(
    id: string,
    from: readonly BuildStatus[],
    status: BuildStatus,
    patch: BuildPatch = {},
  ): Promise<TransitionOutcome> {
    if (!isTerminalBuildStatus(status) && from.some(isTerminalBuildStatus)) {
      throw new Error(`build ${id}: a finished build cannot become ${status} again`);
    }
    const result = await this.records.write(id, (current) => {
      if (!from.includes(current.status)) return undefined;
      const next: BuildRecord = { ...current, ...patch, status };
      if (isTerminalBuildStatus(status) && !isTerminalBuildStatus(current.status)) {
        next.finishedAt = patch.finishedAt ?? new Date().toISOString();
      }
      return next;
    });
    if (result.kind === 'applied') return { applied: true, record: result.record };
    return { applied: false, record: result.kind === 'missing' ? undefined : result.record };
  }

  /** Updates heartbeatAt while the build is WORKING under this worker; false otherwise. */
  async heartbeat(id: string, workerId: string): Promise<boolean> {
    const result = await this.records.write(id, (current) =>
      current.status === 'WORKING' && current.workerId === workerId
        ? { ...current, heartbeatAt: new Date().toISOString() }
        : undefined,
    );
    return result.kind === 'applied';
  }

  /**
   * Marks an unfinished build for cancellation and publishes its id on the cancel channel.
   * Returns the record as it is after the call (unchanged when already finished).
   * Asking again publishes again, which reaches a worker that missed the first message.
   */
  async requestCancel(id: string): Promise<BuildRecord | undefined> {
    const result = await this.records.write(id, (current) =>
      isTerminalBuildStatus(current.status) ? undefined : { ...current, cancelRequested: true },
    );
    if (result.kind === 'missing') return undefined;
    if (result.kind === 'declined') return await this.get(id);
    await this.redis.publish(this.cancelChannel, id);
    return result.record;
  }

  /**
   * Calls `onCancel(id)` for every cancel published from now on, on a dedicated subscriber
   * connection; the returned function unsubscribes and closes it.
   */
  async subscribeCancels(onCancel: (id: string) => void): Promise<() => Promise<void>> {
    return await subscribeChannel(this.redis, this.cancelChannel, onCancel, this.logger);
  }

  /** Records of every unfinished build (PENDING, QUEUED, WORKING). */
  async listActive(): Promise<BuildRecord[]> {
    const ids = await this.redis.smembers(keys.active);
    if (ids.length === 0) return [];
    const jsons = await this.redis.mget(ids.map((id) => keys.record(id)));
    return jsons
      .map(parseRecord)
      .filter((r): r is BuildRecord => r !== undefined && !isTerminalBuildStatus(r.status))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** How many unfinished builds the owner has. */
  async activeCount(owner: string): Promise<number> {
    return await this.redis.scard(keys.owner(owner));
  }

  async cacheGet(cacheKey: string): Promise<CachedImage | undefined> {
    return parseCached(await this.redis.get(keys.cache(cacheKey)));
  }

  /** Remembers a SUCCESS for reuse, for the retention period. */
  async cachePut(cacheKey: string, cached: CachedImage): Promise<void> {
    const json = JSON.stringify(cached);
    await this.redis.set(keys.cache(cacheKey), json, 'EX', this.retentionSeconds);
  }

  /** Forgets a cached image (e.g. it vanished from the registry). */
  async cacheDelete(cacheKey: string): Promise<void> {
    await this.redis.del(keys.cache(cacheKey));
  }
}
