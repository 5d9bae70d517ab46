import { ActivityTracker } from './activity-tracker';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('ActivityTracker', () => {
  it('counts whole seconds since the last touch', () => {
    const clock = manualClock();
    const tracker = new ActivityTracker(clock.now);
    clock.advance(2_500);
    expect(tracker.idleSeconds()).toBe(2);
    tracker.touch();
    clock.advance(999);
    expect(tracker.idleSeconds()).toBe(0);
  });

  it('is never idle while lasting activity (a run, a subscriber) is ongoing', () => {
    const clock = manualClock();
    const tracker = new ActivityTracker(clock.now);
    const endRun = tracker.begin();
    const endSubscriber = tracker.begin();
    clock.advance(60_000);
    expect(tracker.idleSeconds()).toBe(0);
    endRun();
    endRun(); // ending twice must not end the subscriber's activity too
    clock.advance(60_000);
    expect(tracker.idleSeconds()).toBe(0);
    endSubscriber();
    clock.advance(5_000);
    expect(tracker.idleSeconds()).toBe(5);
  });
});
