import { EventClock, isoFromMicros, timestampMicros } from './timestamps';

describe('timestampMicros', () => {
  const noon = Date.parse('2025-06-01T12:00:00Z') * 1000;

  it.each([
    ['2025-06-01T12:00:00Z', noon],
    ['2025-06-01T12:00:00.5Z', noon + 500_000],
    ['2025-06-01T12:00:00.123456+00:00', noon + 123_456],
    ['2025-06-01T14:00:00.000001+02:00', noon + 1],
    ['2025-06-01T14:00:00+0200', noon],
    ['2025-06-01T12:00:00.1234567Z', noon + 123_456],
  ])('reads %s', (iso, micros) => {
    expect(timestampMicros(iso)).toBe(micros);
  });

  it('reads a naive timestamp (as the Python SDK writes) as local time', () => {
    expect(timestampMicros('2025-06-01T12:00:00.25')).toBe(
      new Date(2025, 5, 1, 12, 0, 0, 250).getTime() * 1000,
    );
  });

  it('is NaN for anything else', () => {
    expect(timestampMicros('yesterday')).toBeNaN();
  });
});

describe('EventClock', () => {
  it('stamps strictly increasing timestamps within a millisecond and when the clock steps back', () => {
    let now = Date.parse('2025-06-01T12:00:00.007Z');
    const clock = new EventClock(() => now);
    const first = clock.next();
    const second = clock.next();
    now -= 5_000;
    const third = clock.next();
    expect([first.iso, second.iso, third.iso]).toEqual([
      '2025-06-01T12:00:00.007000Z',
      '2025-06-01T12:00:00.007001Z',
      '2025-06-01T12:00:00.007002Z',
    ]);
    expect(timestampMicros(third.iso)).toBe(third.micros);
  });

  it('continues after the history it was shown', () => {
    const clock = new EventClock(() => 0);
    clock.observe(timestampMicros('2030-01-01T00:00:00Z'));
    expect(clock.next().iso).toBe('2030-01-01T00:00:00.000001Z');
  });

  it('formats microseconds as six fractional digits', () => {
    expect(isoFromMicros(1)).toBe('1970-01-01T00:00:00.000001Z');
  });
});
