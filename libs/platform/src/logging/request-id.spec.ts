import type { IncomingMessage } from 'node:http';
import { requestIdFor } from './request-id';

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
