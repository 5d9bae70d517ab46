import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AgentServerClient } from './agent-server/agent-server.client';
import { ApiCallError } from './http/api-call-error';
import { RuntimeApiClient } from './runtime-api/runtime-api.client';

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

const runtime = (status: string, pod_status: string) => ({
  runtime_id: 'a'.repeat(20),
  session_id: 's1',
  url: 'http://127.0.0.1:1/aaaaaaaaaaaaaaaaaaaa',
  session_api_key: 'sk',
  status,
  pod_status,
  work_hosts: {},
  restart_count: 0,
  restart_reasons: [],
  image: 'img',
  resource_factor: 1,
  created_at: '2026-01-01T00:00:00Z',
});

describe('RuntimeApiClient', () => {
  it('sends the key and request id, and polls until the runtime is ready', async () => {
    const answers = [
      runtime('starting', 'pending'),
      runtime('running', 'running'),
      runtime('running', 'ready'),
    ];
    const server = await serve((_req, _body, res) => json(res, 200, answers.shift()));
    try {
      const client = new RuntimeApiClient({
        baseUrl: `${server.url}/`,
        apiKey: 'k1',
        requestId: 'req-7',
      });
      const started = await client.start({ image: 'img' });
      const ready = await client.waitUntilReady(started, { timeoutMs: 5_000, pollMs: 10 });
      expect(ready.pod_status).toBe('ready');
      expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
        'POST /start',
        'GET /runtime/aaaaaaaaaaaaaaaaaaaa',
        'GET /runtime/aaaaaaaaaaaaaaaaaaaa',
      ]);
      expect(server.received[0]?.headers).toMatchObject({
        'x-api-key': 'k1',
        'x-request-id': 'req-7',
      });
      expect(JSON.parse(server.received[0]?.body ?? '')).toEqual({ image: 'img' });
    } finally {
      await server.close();
    }
  });

  it('stops waiting at once when the runtime fails, saying why', async () => {
    const server = await serve((_req, _body, res) =>
      json(res, 200, runtime('error', 'crashloopbackoff')),
    );
    try {
      const client = new RuntimeApiClient({ baseUrl: server.url, apiKey: 'k1' });
      await expect(
        client.waitUntilReady(runtime('starting', 'pending') as never, {
          timeoutMs: 5_000,
          pollMs: 10,
        }),
      ).rejects.toThrow('is error (crashloopbackoff)');
    } finally {
      await server.close();
    }
  });

  it("carries the server's error body and Retry-After", async () => {
    const server = await serve((_req, _body, res) =>
      json(
        res,
        429,
        { detail: 'Too many runtimes', code: 'rate_limited', request_id: 'r1' },
        { 'retry-after': '7' },
      ),
    );
    try {
      const error = await new RuntimeApiClient({ baseUrl: server.url, apiKey: 'k' })
        .start({ image: 'img' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiCallError);
      expect(error).toMatchObject({
        status: 429,
        retryAfterSeconds: 7,
        body: { code: 'rate_limited' },
      });
      expect((error as Error).message).toContain('rate_limited: Too many runtimes');
    } finally {
      await server.close();
    }
  });

  it('reports an unreachable service and a timeout as unreachable, not as a status', async () => {
    const server = await serve(() => undefined); // never answers
    try {
      const slow = new RuntimeApiClient({ baseUrl: server.url, apiKey: 'k', timeoutMs: 100 });
      await expect(slow.runtime('x')).rejects.toMatchObject({ unreachable: true });
    } finally {
      await server.close();
    }
    const closed = new RuntimeApiClient({ baseUrl: server.url, apiKey: 'k' });
    await expect(closed.runtime('x')).rejects.toMatchObject({ status: undefined });
  });

  it('refuses an answer that is not a runtime', async () => {
    const server = await serve((_req, _body, res) => json(res, 200, { hello: 'world' }));
    try {
      await expect(
        new RuntimeApiClient({ baseUrl: server.url, apiKey: 'k' }).runtime('x'),
      ).rejects.toThrow(/unexpected answer/);
    } finally {
      await server.close();
    }
  });
});

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
