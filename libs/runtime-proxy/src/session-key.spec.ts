import type { IncomingMessage } from 'node:http';
import { carriesSessionKey, sameKey } from './session-key';

const requestWith = (url: string, headers: Record<string, string> = {}) =>
  ({ url, headers }) as unknown as IncomingMessage;

describe('session key check', () => {
  it('accepts only the exact key', () => {
    expect(sameKey('k-1', 'k-1')).toBe(true);
    expect(sameKey('k-2', 'k-1')).toBe(false);
    expect(sameKey('k-1-longer', 'k-1')).toBe(false);
    expect(sameKey(undefined, 'k-1')).toBe(false);
  });

  it('admits nobody when the runtime has no key', () => {
    expect(sameKey('', '')).toBe(false);
    expect(carriesSessionKey(requestWith('/x', { 'x-session-api-key': '' }), '', true)).toBe(false);
  });

  it('reads the query parameter only when allowed (WebSocket upgrades)', () => {
    const viaQuery = requestWith('/sockets/events/c?session_api_key=k%2B1');
    expect(carriesSessionKey(viaQuery, 'k+1', true)).toBe(true);
    expect(carriesSessionKey(viaQuery, 'k+1', false)).toBe(false);
    expect(carriesSessionKey(requestWith('/x', { 'x-session-api-key': 'k+1' }), 'k+1', false)).toBe(
      true,
    );
  });
});
