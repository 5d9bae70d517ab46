import { Backoff, reconnectDelay } from './backoff';

describe('reconnect backoff', () => {
  it('doubles from 200 ms and never waits longer than 5 s by default', () => {
    const ceilings = Array.from({ length: 10 }, (_, attempt) =>
      reconnectDelay(attempt, {}, () => 0),
    );
    expect(ceilings).toEqual([200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000, 5000]);
  });

  it('takes its jitter off the top, so the cap holds and delays stay spread', () => {
    const options = { initialMs: 100, maxMs: 1_000, jitter: 0.5 };
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const ceiling = Math.min(1_000, 100 * 2 ** attempt);
      expect(reconnectDelay(attempt, options, () => 0.999_999)).toBe(Math.round(ceiling * 0.5));
      const any = reconnectDelay(attempt, options);
      expect(any).toBeLessThanOrEqual(ceiling);
      expect(any).toBeGreaterThanOrEqual(ceiling / 2);
    }
  });

  it('gives up after maxAttempts in a row, and starts over once reset', () => {
    const backoff = new Backoff({ initialMs: 10, maxAttempts: 3 }, Date.now, () => 0);
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([
      10,
      20,
      40,
      undefined,
    ]);
    expect(backoff.attempts).toBe(3);
    backoff.reset();
    expect(backoff.next()).toBe(10);
  });

  it('gives up when the next wait would end past giveUpAfterMs of downtime', () => {
    let now = 1_000;
    const backoff = new Backoff(
      { initialMs: 100, giveUpAfterMs: 1_000 },
      () => now,
      () => 0,
    );
    expect(backoff.next()).toBe(100);
    now += 100;
    expect(backoff.next()).toBe(200);
    now += 200;
    expect(backoff.next()).toBe(400); // ends at 700 ms down
    now += 400;
    expect(backoff.next()).toBeUndefined(); // 800 more would end at 1 500 ms down
  });
});
