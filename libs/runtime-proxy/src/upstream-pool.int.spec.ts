import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@agentrt/testing';
import { upstreamPool } from './upstream-pool';

describe('upstreamPool', () => {
  let server: Server;
  let closedSockets = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => res.end('ok'));
    // A server that would keep the connection a minute: only the proxy's side can close it soon.
    server.keepAliveTimeout = 60_000;
    server.on('connection', (socket) => socket.on('close', () => (closedSockets += 1)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('closes a pooled connection left idle, ahead of an agent server closing it (5 s)', async () => {
    const pool = upstreamPool();
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await pool.request({
        origin: `http://127.0.0.1:${port}`,
        path: '/',
        method: 'GET',
      });
      expect(answer.statusCode).toBe(200);
      expect(await answer.body.text()).toBe('ok');
      expect(closedSockets).toBe(0);
      await waitFor(() => Promise.resolve(closedSockets === 1), {
        timeoutMs: 4_900,
        description: 'the idle pooled connection to be closed by the proxy within 5 s',
      });
    } finally {
      await pool.destroy();
    }
  }, 10_000);
});
