import { isTerminalBuildStatus } from '@agentrt/contracts';
import type Redis from 'ioredis';
import type { BuildRecord } from './build-record';
import { buildKeys } from './build-keys';
import { REPLACE_SCRIPT } from './lua-scripts';
import { parseRecord } from './record-codec';

/** Thrown when a record keeps changing under a writer (should not happen in practice). */
export class BuildContentionError extends Error {
  override name = 'BuildContentionError';
}

/** What a compare-and-set write did. */
export type WriteResult =
  | { kind: 'applied'; record: BuildRecord }
  /** `change` left the record alone; this is the record it saw. */
  | { kind: 'declined'; record: BuildRecord }
  /** No record, or one that does not parse. */
  | { kind: 'missing' };

const MAX_WRITE_ATTEMPTS = 20;

/**
 * Read-modify-write of build records with compare-and-set on the exact stored JSON: `change`
 * sees the latest record and returns the next one, or undefined to leave it alone. Retries when
 * another writer got in between, so a heartbeat never undoes a cancel request or a transition.
 */
export class RecordWriter {
  constructor(
    private readonly redis: Redis,
    /** Lifetime of a record from the moment its build finishes. */
    private readonly finishedTtlSeconds: number,
  ) {}

  async write(
    id: string,
    change: (current: BuildRecord) => BuildRecord | undefined,
  ): Promise<WriteResult> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const json = await this.redis.get(buildKeys.record(id));
      const current = parseRecord(json);
      if (json === null || !current) return { kind: 'missing' };
      const next = change(current);
      if (!next) return { kind: 'declined', record: current };
      const reply = await this.replace(current, json, next);
      if (reply === 'ok') return { kind: 'applied', record: next };
      if (reply === 'missing') return { kind: 'missing' };
    }
    throw new BuildContentionError(`build ${id} kept changing during a write`);
  }

  private async replace(current: BuildRecord, json: string, next: BuildRecord): Promise<unknown> {
    const finishing = isTerminalBuildStatus(next.status) && !isTerminalBuildStatus(current.status);
    return await this.redis.eval(
      REPLACE_SCRIPT,
      3,
      buildKeys.record(current.id),
      buildKeys.active,
      buildKeys.owner(current.owner),
      json,
      JSON.stringify(next),
      current.id,
      finishing ? 'finish' : 'keep',
      String(this.finishedTtlSeconds),
    );
  }
}
