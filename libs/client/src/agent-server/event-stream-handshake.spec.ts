import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConversationEventStream } from './event-stream';
import { EventStreamClosed, EventStreamGaveUp } from './event-stream-errors';

/** A server (a runtime proxy, say) that refuses every WebSocket handshake with `status`. */
async function refusing(status: number) {
  const handshakes: string[] = [];
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket) => {
    handshakes.push(req.url ?? '');
    socket.end(`HTTP/1.1 ${status} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/runtime-1`,
    handshakes,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function open(baseUrl: string) {
  return ConversationEventStream.open({
    baseUrl,
    sessionApiKey: 'k',
    conversationId: 'c1',
    onEvent: () => undefined,
    backoff: { initialMs: 5, maxMs: 10, maxAttempts: 2 },
  });
}

describe('ConversationEventStream handshake refusals', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('ends at once when the handshake is refused with 401', async () => {
    const proxy = await refusing(401);
    servers.push(proxy);
    const error = await open(proxy.url).done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStreamClosed);
    expect(error).toMatchObject({ httpStatus: 401, code: undefined });
    expect(proxy.handshakes).toEqual(['/runtime-1/sockets/events/c1?resend_mode=all']);
  });

  it('retries a 502 from a proxy whose runtime is not reachable yet', async () => {
    const proxy = await refusing(502);
    servers.push(proxy);
    const error = await open(proxy.url).done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStreamGaveUp);
    expect(error).toMatchObject({ lastFailure: expect.stringContaining('HTTP 502') });
    expect(proxy.handshakes).toHaveLength(3);
  });

  it('retries while nothing listens, then gives up as configured', async () => {
    const proxy = await refusing(502);
    await proxy.close(); // the port is free now: connections are refused
    const error = await open(proxy.url).done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStreamGaveUp);
    expect(error).toMatchObject({ attempts: 2 });
  });
});
