import type { ServerResponse } from 'node:http';
import { ApiCallError } from '../http/api-call-error';
import {
  answerJson,
  type LocalServer,
  type Received,
  serveLocally,
} from '../http/local-server.testing';
import { RuntimeApiClient } from './runtime-api.client';

const ID = 'a'.repeat(20);
const runtime = (status: string, pod_status: string, extra: Record<string, unknown> = {}) => ({
  runtime_id: ID,
  session_id: 's1',
  url: `http://127.0.0.1:1/${ID}`,
  session_api_key: 'sk',
  status,
  pod_status,
  work_hosts: {},
  restart_count: 0,
  restart_reasons: [],
  image: 'img',
  resource_factor: 1,
  created_at: '2026-01-01T00:00:00Z',
  ...extra,
});

type Route = (req: Received, res: ServerResponse) => void;

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * A strict fake Runtime API: answers only the routes a test lists (`METHOD /path`, without the
 * query) and only with the key; anything else is a 599 that fails the call loudly.
 */
async function fakeApi(routes: Record<string, Route>) {
  server = await serveLocally((req, res) => {
    const route = routes[`${req.method} ${req.url.split('?')[0] ?? ''}`];
    if (req.headers['x-api-key'] !== 'k1' || !route) {
      return answerJson(res, 599, { detail: `fake: unexpected ${req.method} ${req.url}` });
    }
    route(req, res);
  });
  return { client: new RuntimeApiClient({ baseUrl: `${server.url}/`, apiKey: 'k1' }), server };
}

const calls = (s: LocalServer) => s.received.map((r) => `${r.method} ${r.url}`);

describe('RuntimeApiClient', () => {
  it('sends the key and request id, and polls until the runtime is ready', async () => {
    const answers = [runtime('starting', 'pending'), runtime('running', 'ready')];
    server = await serveLocally((_req, res) => answerJson(res, 200, answers.shift()));
    const client = new RuntimeApiClient({ baseUrl: server.url, apiKey: 'k1', requestId: 'req-7' });
    const seen: string[] = [];
    const started = await client.start({ image: 'img' });
    const ready = await client.waitUntilReady(started, {
      timeoutMs: 5_000,
      pollMs: 10,
      onProgress: (r) => seen.push(`${r.status}/${r.pod_status}`),
    });
    expect(ready.pod_status).toBe('ready');
    expect(seen).toEqual(['starting/pending', 'running/ready']);
    expect(calls(server)).toEqual(['POST /start', `GET /runtime/${ID}`]);
    expect(server.received[0]?.headers).toMatchObject({
      'x-api-key': 'k1',
      'x-request-id': 'req-7',
    });
    expect(JSON.parse(server.received[0]?.body.toString() ?? '')).toEqual({ image: 'img' });
  });

  it('stops waiting at once when the runtime fails, saying why', async () => {
    const { client } = await fakeApi({
      [`GET /runtime/${ID}`]: (_q, res) =>
        answerJson(res, 200, runtime('error', 'crashloopbackoff')),
    });
    await expect(
      client.waitUntilReady(runtime('starting', 'pending') as never, {
        timeoutMs: 5_000,
        pollMs: 10,
      }),
    ).rejects.toThrow('is error (crashloopbackoff)');
  });

  it("carries the server's error body and Retry-After (beyond the retry cap)", async () => {
    const { client } = await fakeApi({
      'POST /start': (_q, res) =>
        answerJson(
          res,
          429,
          { detail: 'Too many runtimes', code: 'rate_limited', request_id: 'r1' },
          { 'retry-after': '70' },
        ),
    });
    const error = await client.start({ image: 'img' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({
      status: 429,
      retryAfterSeconds: 70,
      body: { code: 'rate_limited' },
    });
    expect((error as Error).message).toContain('rate_limited: Too many runtimes');
  });

  it('reports an unreachable service and a timeout as unreachable, not as a status', async () => {
    server = await serveLocally(() => undefined); // never answers
    const slow = new RuntimeApiClient({ baseUrl: server.url, apiKey: 'k', timeoutMs: 100 });
    await expect(slow.runtime('x')).rejects.toMatchObject({ unreachable: true });
    const url = server.url;
    await server.close();
    server = undefined;
    const closed = new RuntimeApiClient({ baseUrl: url, apiKey: 'k', retries: 0 });
    await expect(closed.runtime('x')).rejects.toMatchObject({ status: undefined });
  });

  it('refuses an answer that is not a runtime, and reads the not-found marker as a 404', async () => {
    const { client } = await fakeApi({
      'GET /runtime/odd': (_q, res) => answerJson(res, 200, { hello: 'world' }),
      'GET /runtime/gone': (_q, res) =>
        answerJson(res, 200, { runtime_id: 'gone', pod_status: 'not found' }),
    });
    await expect(client.runtime('odd')).rejects.toThrow(/unexpected answer/);
    await expect(client.runtime('gone')).rejects.toMatchObject({
      status: 404,
      body: { code: 'not_found' },
    });
  });

  it('lists runtimes and finds sessions (none: undefined)', async () => {
    const { client, server } = await fakeApi({
      'GET /list': (_q, res) =>
        answerJson(res, 200, { runtimes: [runtime('running', 'ready')], total: 1 }),
      'GET /sessions/s1': (_q, res) => answerJson(res, 200, runtime('paused', 'pending')),
      'GET /sessions/nope': (_q, res) =>
        answerJson(res, 404, {
          detail: 'session nope has no runtime',
          code: 'not_found',
          request_id: 'r',
        }),
      'GET /sessions/batch': (_q, res) => answerJson(res, 200, [runtime('running', 'ready')]),
    });
    expect((await client.list()).total).toBe(1);
    expect((await client.session('s1'))?.status).toBe('paused');
    await expect(client.session('nope')).resolves.toBeUndefined();
    expect(await client.sessions(['s1', 's2'])).toHaveLength(1);
    await expect(client.sessions([])).resolves.toEqual([]);
    expect(calls(server)).toEqual([
      'GET /list',
      'GET /sessions/s1',
      'GET /sessions/nope',
      'GET /sessions/batch?ids=s1%2Cs2',
    ]);
  });

  it("attaches to a paused session's runtime: resumes it and waits until ready", async () => {
    const { client, server } = await fakeApi({
      'GET /sessions/s1': (_q, res) => answerJson(res, 200, runtime('paused', 'pending')),
      'POST /resume': (_q, res) => answerJson(res, 200, runtime('starting', 'pending')),
      [`GET /runtime/${ID}`]: (_q, res) => answerJson(res, 200, runtime('running', 'ready')),
    });
    const ready = await client.attach('s1', { timeoutMs: 5_000, pollMs: 10 });
    expect(ready.status).toBe('running');
    expect(calls(server)).toEqual(['GET /sessions/s1', 'POST /resume', `GET /runtime/${ID}`]);
    expect(JSON.parse(server.received[1]?.body.toString() ?? '')).toEqual({ runtime_id: ID });
  });

  it('says when a session to attach to has no runtime', async () => {
    const { client } = await fakeApi({
      'GET /sessions/s9': (_q, res) => answerJson(res, 404, { detail: 'no runtime' }),
    });
    await expect(client.attach('s9', { timeoutMs: 1_000 })).rejects.toThrow(
      'session s9 has no runtime',
    );
  });

  it('pauses, resumes (with a new key on request) and stops', async () => {
    const { client, server } = await fakeApi({
      'POST /pause': (_q, res) => answerJson(res, 200, runtime('paused', 'pending')),
      'POST /resume': (_q, res) =>
        answerJson(res, 200, runtime('starting', 'pending', { session_api_key: 'new' })),
      'POST /stop': (_q, res) => answerJson(res, 200, runtime('stopped', 'pending')),
    });
    await client.pause(ID);
    expect((await client.resume(ID, { rotateSessionKey: true })).session_api_key).toBe('new');
    await client.stop(ID);
    expect(server.received.map((r) => JSON.parse(r.body.toString()) as unknown)).toEqual([
      { runtime_id: ID },
      { runtime_id: ID, rotate_session_key: true },
      { runtime_id: ID },
    ]);
  });

  it('reads the registry prefix and whether an image exists', async () => {
    const { client, server } = await fakeApi({
      'GET /registry_prefix': (_q, res) =>
        answerJson(res, 200, { registry_prefix: 'localhost:5000/agentrt' }),
      'GET /image_exists': (req, res) =>
        answerJson(
          res,
          200,
          req.url.includes('there')
            ? { exists: true, image: { upload_time: '2026-01-01T00:00:00Z', image_size_bytes: 12 } }
            : { exists: false },
        ),
    });
    expect(await client.registryPrefix()).toBe('localhost:5000/agentrt');
    expect(await client.imageExists('repo/there:1')).toMatchObject({
      exists: true,
      image: { image_size_bytes: 12 },
    });
    expect(await client.imageExists('repo/missing:1')).toEqual({ exists: false });
    expect(server.received[1]?.url).toBe('/image_exists?image=repo%2Fthere%3A1');
  });
});
