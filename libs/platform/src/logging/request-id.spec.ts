import type { IncomingMessage, ServerResponse } from 'node:http';
import { assignRequestId, requestIdFor, requestIdOf } from './request-id';

const withHeader = (value?: string) =>
  ({ headers: value === undefined ? {} : { 'x-request-id': value } }) as IncomingMessage;

describe('requestIdFor', () => {
  it("keeps a caller's safe request id so a request can be traced across services", () => {
    expect(requestIdFor(withHeader('abc-123'))).toBe('abc-123');
  });

  it('replaces a missing or unsafe id with a fresh uuid', () => {
    const uuid = /^[0-9a-f-]{36}$/;
    expect(requestIdFor(withHeader())).toMatch(uuid);
    expect(requestIdFor(withHeader('bad\nline'))).toMatch(uuid);
    expect(requestIdFor(withHeader('x'.repeat(200)))).toMatch(uuid);
  });
});

describe('assignRequestId', () => {
  it('settles the id once: on the request, in its headers (for proxies) and on the response', () => {
    const req = withHeader('bad\nline');
    const sent: Record<string, string> = {};
    const res = { setHeader: (name: string, value: string) => (sent[name] = value) };
    let called = false;
    assignRequestId(req, res as unknown as ServerResponse, () => (called = true));
    const id = requestIdOf(req);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(req.headers['x-request-id']).toBe(id);
    expect(sent).toEqual({ 'x-request-id': id });
    expect(requestIdFor(req)).toBe(id);
    expect(called).toBe(true);
  });
});
