import type { IncomingMessage } from 'node:http';
import type { AgentServerConfig } from '../config/agent-server.config';
import { SessionKeys } from './session-keys';
import { authenticateFirstFrame, authenticateUpgrade } from './socket-auth';

const keysFor = (...keys: string[]) =>
  new SessionKeys({ SESSION_API_KEYS: keys } as AgentServerConfig);
const upgrade = (url: string, headers: Record<string, string> = {}) =>
  ({ url, headers }) as IncomingMessage;

describe('SessionKeys', () => {
  it('accepts anything when no key is configured (the OpenHands default)', () => {
    expect(keysFor().accepts(undefined)).toBe(true);
  });

  it('accepts any configured key and nothing else', () => {
    const keys = keysFor('alpha', 'beta');
    expect(keys.accepts('beta')).toBe(true);
    expect(keys.accepts('gamma')).toBe(false);
    expect(keys.accepts(undefined)).toBe(false);
  });

  it('replaces all keys on init, so earlier keys stop working', () => {
    const keys = keysFor('old');
    keys.replaceWith('new');
    expect(keys.accepts('old')).toBe(false);
    expect(keys.accepts('new')).toBe(true);
  });
});

describe('WebSocket auth', () => {
  const keys = keysFor('k1');

  it('takes the key from the query or the header', () => {
    expect(authenticateUpgrade(upgrade('/sockets/events/x?session_api_key=k1'), keys)).toBe(
      'accepted',
    );
    expect(
      authenticateUpgrade(upgrade('/sockets/events/x', { 'x-session-api-key': 'k1' }), keys),
    ).toBe('accepted');
    expect(authenticateUpgrade(upgrade('/sockets/events/x?session_api_key=nope'), keys)).toBe(
      'rejected',
    );
  });

  it('waits for a first frame when neither is given', () => {
    expect(authenticateUpgrade(upgrade('/sockets/events/x'), keys)).toBe('await-first-frame');
    expect(authenticateFirstFrame('{"type":"auth","session_api_key":"k1"}', keys)).toBe(true);
    expect(authenticateFirstFrame('{"type":"auth","session_api_key":"k2"}', keys)).toBe(false);
    expect(authenticateFirstFrame('not json', keys)).toBe(false);
  });
});
