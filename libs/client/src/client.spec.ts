import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AgentServerClient } from './agent-server/agent-server.client';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A loopback HTTP server answering with `handler`; records what it received. */
async function serve(handler: Handler) {
  const received: {
    method?: string;
    url?: string;
    headers: IncomingMessage['headers'];
    body: string;
  }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const E1 = '0b6c1f3e-2d4a-4b8e-9f1a-7c3d5e6f8a90';
const E2 = '1b6c1f3e-2d4a-4b8e-9f1a-7c3d5e6f8a91';

describe('AgentServerClient', () => {
  it('sends the session key, messages in the OpenHands shape, and follows event pages', async () => {
    const event = (id: string) => ({
      kind: 'PauseEvent',
      id,
      timestamp: '2026-01-01T00:00:00Z',
      source: 'user',
    });
    const server = await serve((req, _body, res) => {
      if (req.url?.includes('/events/search')) {
        const second = req.url.includes('page_id=p2');
        json(
          res,
          200,
          second
            ? { items: [event(E2)], next_page_id: null }
            : { items: [event(E1)], next_page_id: 'p2' },
        );
      } else json(res, 200, { success: true });
    });
    try {
      const client = new AgentServerClient({ baseUrl: server.url, sessionApiKey: 'sess' });
      await client.sendMessage('c1', 'hello', true);
      const events = await client.allEvents('c1', { timestamp__gte: '2026-01-01T00:00:00Z' });
      expect(events.map((e) => e.id)).toEqual([E1, E2]);
      expect(server.received[0]?.headers['x-session-api-key']).toBe('sess');
      expect(JSON.parse(server.received[0]?.body ?? '')).toEqual({
        role: 'user',
        content: [{ type: 'text', text: 'hello' }],
        run: true,
      });
      expect(server.received[1]?.url).toBe(
        '/api/conversations/c1/events/search?timestamp__gte=2026-01-01T00%3A00%3A00Z&limit=100',
      );
    } finally {
      await server.close();
    }
  });
});
