import type { ServerResponse } from 'node:http';
import {
  answerJson,
  type LocalServer,
  type Received,
  serveLocally,
} from '../http/local-server.testing';
import { GatewayClient } from './gateway.client';
import type { AgentDefinitionInput } from './agents-admin';
import type { RunStreamItem } from './run-stream';

type Route = (req: Received, res: ServerResponse) => void | Promise<void>;
const servers: LocalServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A strict fake: only the listed routes (`METHOD /path?query`), only with `key`; else 599. */
async function fake(key: string, routes: Record<string, Route>): Promise<LocalServer> {
  const server = await serveLocally(async (req, res) => {
    const route = routes[`${req.method} ${req.url}`];
    if (req.headers['x-api-key'] !== key || !route) {
      return answerJson(res, 599, { detail: `fake: unexpected ${req.method} ${req.url}` });
    }
    await route(req, res);
  });
  servers.push(server);
  return server;
}

const agent: AgentDefinitionInput & { tools: []; resource_factor: 1 } = {
  id: 'docs-bot',
  name: 'Docs bot',
  version: '1.2',
  llm: { provider: 'openai', model: 'gpt-4o' },
  tools: [],
  runtime_image: 'img',
  resource_factor: 1,
};
const run = (status: string, extra: Record<string, unknown> = {}) => ({
  run_id: 'r1',
  agent_id: 'docs-bot',
  agent_version: '1.2',
  status,
  created_at: '2026-01-01T00:00:00Z',
  ...extra,
});
const event = (id: string, text: string) => ({
  kind: 'MessageEvent',
  id,
  timestamp: '2026-01-01T00:00:00Z',
  source: 'agent',
  llm_message: { role: 'assistant', content: [{ type: 'text', text }] },
});
const E1 = '0b6c1f3e-2d4a-4b8e-9f1a-7c3d5e6f8a90';
const E2 = '1b6c1f3e-2d4a-4b8e-9f1a-7c3d5e6f8a91';
const sse = (name: string, data: unknown, id?: string) =>
  `${id ? `id: ${id}\n` : ''}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
const json = (req: Received) => JSON.parse(req.body.toString()) as unknown;

describe('GatewayClient agents (admin port)', () => {
  it('creates, replaces, reads, lists and deletes agents with the admin key', async () => {
    const admin = await fake('admin-key', {
      'POST /agents': (req, res) => answerJson(res, 201, json(req)),
      'PUT /agents/docs-bot': (req, res) => answerJson(res, 200, json(req)),
      'GET /agents': (_req, res) => answerJson(res, 200, { agents: [agent] }),
      'GET /agents/docs-bot': (_req, res) => answerJson(res, 200, agent),
      'GET /agents/docs-bot/versions': (_req, res) => answerJson(res, 200, { agents: [agent] }),
      'GET /agents/docs-bot/versions/1.2': (_req, res) => answerJson(res, 200, agent),
      'DELETE /agents/docs-bot/versions/1.2': (_req, res) => void res.writeHead(204).end(),
      'DELETE /agents/docs-bot': (_req, res) => void res.writeHead(204).end(),
    });
    const gateway = new GatewayClient({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: 'user-key',
      adminUrl: admin.url,
      adminKey: 'admin-key',
    });
    const input = { ...agent, tools: undefined, resource_factor: undefined };
    expect(await gateway.agents.create(input)).toMatchObject({ id: 'docs-bot', tools: [] });
    expect(await gateway.agents.update({ ...agent, name: 'Renamed' })).toMatchObject({
      name: 'Renamed',
    });
    expect(await gateway.agents.list()).toHaveLength(1);
    expect((await gateway.agents.get('docs-bot')).version).toBe('1.2');
    expect((await gateway.agents.get('docs-bot', '1.2')).version).toBe('1.2');
    expect(await gateway.agents.versions('docs-bot')).toHaveLength(1);
    await gateway.agents.delete('docs-bot', '1.2');
    await gateway.agents.delete('docs-bot');
    expect(admin.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /agents',
      'PUT /agents/docs-bot',
      'GET /agents',
      'GET /agents/docs-bot',
      'GET /agents/docs-bot/versions/1.2',
      'GET /agents/docs-bot/versions',
      'DELETE /agents/docs-bot/versions/1.2',
      'DELETE /agents/docs-bot',
    ]);
    expect(json(admin.received[0] as Received)).not.toHaveProperty('tools');
  });

  it("passes the admin API's refusal through, and says when no admin URL is set", async () => {
    const admin = await fake('user-key', {
      'POST /agents': (_req, res) =>
        answerJson(res, 409, {
          detail: 'Agent docs-bot version 1.2 exists; PUT replaces it',
          code: 'conflict',
          request_id: 'q',
        }),
    });
    const gateway = new GatewayClient({
      baseUrl: admin.url,
      apiKey: 'user-key',
      adminUrl: admin.url,
    });
    await expect(gateway.agents.create(agent)).rejects.toMatchObject({
      status: 409,
      body: { code: 'conflict', detail: 'Agent docs-bot version 1.2 exists; PUT replaces it' },
    });
    const noAdmin = new GatewayClient({ baseUrl: admin.url, apiKey: 'k' });
    await expect(noAdmin.agents.list()).rejects.toThrow(
      "the gateway's admin URL is not configured",
    );
  });
});

describe('GatewayClient runs', () => {
  it('starts runs by path or default routing, reads, lists and cancels them', async () => {
    const gw = await fake('user-key', {
      'POST /api/agents/docs-bot/runs': (_req, res) => answerJson(res, 202, run('queued')),
      'POST /api/runs': (_req, res) => answerJson(res, 200, run('succeeded', { output: 'done' })),
      'GET /api/runs/r1': (_req, res) => answerJson(res, 200, run('running')),
      'GET /api/runs?offset=0&limit=5': (_req, res) =>
        answerJson(res, 200, { runs: [run('running')], total: 1 }),
      'POST /api/runs/r1/cancel': (_req, res) => answerJson(res, 200, run('cancelled')),
    });
    const gateway = new GatewayClient({ baseUrl: gw.url, apiKey: 'user-key', requestId: 'req-1' });
    await gateway.startRun({
      agentId: 'docs-bot',
      version: '1.2',
      input: 'hi',
      mode: 'async',
      sessionId: 's1',
    });
    expect((await gateway.startRun({ input: 'hello', timeoutSeconds: 30 })).output).toBe('done');
    expect((await gateway.run('r1')).status).toBe('running');
    expect((await gateway.runs({ offset: 0, limit: 5 })).total).toBe(1);
    expect((await gateway.cancelRun('r1')).status).toBe('cancelled');
    const [byPath, byDefault] = gw.received;
    expect(json(byPath as Received)).toEqual({
      input: 'hi',
      mode: 'async',
      timeout_seconds: 300,
      session_id: 's1',
    });
    expect(byPath?.headers).toMatchObject({ 'x-agent-version': '1.2', 'x-request-id': 'req-1' });
    expect(json(byDefault as Received)).toEqual({
      input: 'hello',
      mode: 'sync',
      timeout_seconds: 30,
    });
  });

  it('follows a run to its end: events and state changes, unknown kinds skipped', async () => {
    const gw = await fake('k', {
      'GET /api/runs/r1/events': async (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const text = [
          ': a comment\n\n',
          sse('status', run('running')),
          sse('event', event(E1, 'one'), E1),
          sse('event', { kind: 'FromTheFuture', id: 'x' }, 'x'),
          sse('status', run('succeeded', { output: 'two' })),
          sse('end', { run_id: 'r1' }),
        ].join('');
        // Split mid-message, as a network would.
        res.write(text.slice(0, 70));
        await new Promise((resolve) => setImmediate(resolve));
        res.end(text.slice(70));
      },
      'GET /api/runs/r1': (_req, res) => answerJson(res, 200, run('succeeded', { output: 'two' })),
    });
    const items: RunStreamItem[] = [];
    const ended = await new GatewayClient({ baseUrl: gw.url, apiKey: 'k' }).followRun('r1', (i) =>
      items.push(i),
    );
    expect(ended).toMatchObject({ status: 'succeeded', output: 'two' });
    expect(
      items.map((i) => (i.type === 'event' ? `event ${i.event.id}` : `status ${i.run.status}`)),
    ).toEqual(['status running', `event ${E1}`, 'status succeeded']);
  });

  it('reopens a stream that broke before the end, handing each event over once', async () => {
    let connections = 0;
    const gw = await fake('k', {
      'GET /api/runs/r1/events': (_req, res) => {
        connections += 1;
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(sse('event', event(E1, 'one'), E1));
        if (connections === 1) return void res.socket?.destroy();
        res.end(sse('event', event(E2, 'two'), E2) + sse('end', { run_id: 'r1' }));
      },
      'GET /api/runs/r1': (_req, res) => answerJson(res, 200, run('succeeded')),
    });
    const ids: string[] = [];
    await new GatewayClient({ baseUrl: gw.url, apiKey: 'k' }).followRun('r1', (item) => {
      if (item.type === 'event') ids.push(item.event.id);
    });
    expect(connections).toBe(2);
    expect(ids).toEqual([E1, E2]);
  });

  it('fails at once for an unknown run', async () => {
    const gw = await fake('k', {
      'GET /api/runs/nope/events': (_req, res) =>
        answerJson(res, 404, { detail: 'Run nope not found', code: 'not_found', request_id: 'q' }),
    });
    await expect(
      new GatewayClient({ baseUrl: gw.url, apiKey: 'k' }).followRun('nope', () => undefined),
    ).rejects.toMatchObject({ status: 404, body: { detail: 'Run nope not found' } });
  });
});
