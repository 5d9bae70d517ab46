import { waitFor } from '@agentrt/testing';
import { testRedis } from './gateway-state.testing';
import { RunLocks } from './run-locks';

describe('RunLocks (real Redis)', () => {
  let env: ReturnType<typeof testRedis>;
  let locks: RunLocks;

  beforeEach(() => {
    env = testRedis();
    locks = new RunLocks(env.redis);
  });
  afterEach(() => env.cleanup());

  it('lets one of many concurrent takers hold a run, and the next one after release', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 10 }, () => locks.tryAcquire('run-1', 10_000)),
    );
    const held = attempts.filter((lock) => lock !== undefined);
    expect(held).toHaveLength(1);
    expect(await locks.tryAcquire('run-2', 10_000)).toBeDefined();
    await held[0]?.release();
    expect(await locks.tryAcquire('run-1', 10_000)).toBeDefined();
  });

  it('expires a lock its holder never released, and the old holder cannot release the new one', async () => {
    const stale = await locks.tryAcquire('run-1', 50);
    await waitFor(() => locks.tryAcquire('run-1', 10_000), {
      timeoutMs: 5_000,
      intervalMs: 20,
      description: 'the unreleased lock to expire',
    });
    await stale?.release();
    expect(await locks.tryAcquire('run-1', 10_000)).toBeUndefined();
  });
});
