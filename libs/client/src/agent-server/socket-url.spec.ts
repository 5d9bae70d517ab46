import { eventsSocketUrl } from './socket-url';

describe('eventsSocketUrl', () => {
  it("keeps a runtime proxy's path and asks for the whole history first", () => {
    expect(eventsSocketUrl('https://proxy.example/rt-1/', 'c 1', undefined)).toBe(
      'wss://proxy.example/rt-1/sockets/events/c%201?resend_mode=all',
    );
  });

  it('asks for what came after a known event', () => {
    const after = { id: 'e1', timestamp: '2026-01-01T00:00:00.001000Z' };
    expect(eventsSocketUrl('http://127.0.0.1:8000', 'c1', after)).toBe(
      'ws://127.0.0.1:8000/sockets/events/c1?resend_mode=since&after_timestamp=2026-01-01T00%3A00%3A00.001000Z',
    );
  });
});
