import { endToEnd } from './forwarded-headers';

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
