import type { Event } from '@agentrt/contracts';
import { EventLog } from '../conversations/model/event-log';
import { replayStart } from './replay';

const events: Event[] = [1, 2, 3].map((n) => ({
  kind: 'PauseEvent',
  source: 'user',
  id: `00000000-0000-4000-8000-00000000000${n}`,
  timestamp: `2025-06-01T12:00:00.00000${n}Z`,
}));
const log = new EventLog(
  events.map((event) => ({ event, line: JSON.stringify(event) })),
  { append: () => undefined, close: () => Promise.resolve() },
);

describe('replayStart', () => {
  it('replays everything, nothing, or what came strictly after a timestamp', () => {
    const since = (after_timestamp: string) =>
      replayStart(log, { resend_mode: 'since', after_timestamp, resend_all: false });
    expect(replayStart(log, { resend_mode: 'all', resend_all: true })).toBe(0);
    expect(replayStart(log, { resend_mode: undefined, resend_all: false })).toBe(3);
    expect(since('2025-06-01T12:00:00.000002Z')).toBe(2);
    expect(since('2025-06-01T11:00:00Z')).toBe(0);
    expect(since('2025-06-01T13:00:00Z')).toBe(3);
  });
});
