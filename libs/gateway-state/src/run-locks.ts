import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const lockKey = (runId: string) => `runs:${runId}:lock`;

/** Deletes the lock only if it is still ours: an expired lock may have been taken by another. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** A held lock on one run; `release` is safe to call more than once. */
export interface RunLock {
  release(): Promise<void>;
}

/**
 * Short-lived exclusive locks on runs, shared by every gateway replica: the debugger takes one
 * for each step so that two concurrent steps never both accept the same pending action. A lock
 * expires after `ttlMs`, so a replica that dies mid-step does not block the run forever.
 */
export class RunLocks {
  constructor(private readonly redis: Redis) {}

  /** The lock, or undefined when someone else holds it. */
  async tryAcquire(runId: string, ttlMs: number): Promise<RunLock | undefined> {
    const token = randomUUID();
    const taken = await this.redis.set(lockKey(runId), token, 'PX', ttlMs, 'NX');
    if (taken !== 'OK') return undefined;
    return {
      release: async () => {
        await this.redis.eval(RELEASE_SCRIPT, 1, lockKey(runId), token);
      },
    };
  }
}
