import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { endToEnd, upstreamHeaders } from './forwarded-headers';

describe('endToEnd', () => {
  it('drops hop-by-hop headers and those the Connection header names', () => {
    expect(
      endToEnd({
        connection: 'keep-alive, X-Private',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        upgrade: 'websocket',
        'x-private': '1',
        'content-type': 'text/plain',
        'x-session-api-key': 'k',
      }),
    ).toEqual({ 'content-type': 'text/plain', 'x-session-api-key': 'k' });
  });
});

describe('upstreamHeaders', () => {
  const requestWith = (headers: IncomingHttpHeaders) =>
    ({ headers, socket: { remoteAddress: '127.0.0.9' } }) as unknown as IncomingMessage;
  const context = { upstreamHost: '10.0.0.5:8000', prefix: '/rt0123456789' };

  it("passes the caller's X-Request-Id upstream", () => {
    const headers = upstreamHeaders(requestWith({ 'x-request-id': 'req-42' }), context);
    expect(headers['x-request-id']).toBe('req-42');
  });

  it('generates an X-Request-Id when the caller sent none or an unsafe one', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(upstreamHeaders(requestWith({}), context)['x-request-id']).toMatch(uuid);
    const forged = requestWith({ 'x-request-id': 'a\nfake log line' });
    expect(upstreamHeaders(forged, context)['x-request-id']).toMatch(uuid);
  });
});
