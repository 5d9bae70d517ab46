import { waitFor } from '@agentrt/testing';
import { FakeServer, type Routes } from '../testing/fake-server.testing';
import { runAgentrt } from '../testing/run-cli.testing';

const KEY = 'rt-key-for-cli-spec';
const ID = 'a1b2c3d4e5f6a7b8c9d0';
const SESSION_KEY = 'session-key-never-shown';

const runtime = (status: string, pod_status: string) => ({
  runtime_id: ID,
  session_id: 'sess-1',
  url: `http://127.0.0.1:1/${ID}`,
  session_api_key: SESSION_KEY,
  status,
  pod_status,
  work_hosts: {},
  restart_count: 0,
  restart_reasons: [],
  image: 'agentrt/agent-server:dev',
  resource_factor: 1,
  created_at: '2026-01-01T00:00:00.000Z',
});

const ok = (body: unknown) => ({ status: 200, body });

describe('agentrt runtime (against a strict fake Runtime API)', () => {
  let server: FakeServer | undefined;

  async function agentrt(routes: Routes, ...argv: string[]) {
    server = await FakeServer.start(routes, KEY);
    return runAgentrt(argv, { RUNTIME_API_URL: server.url, RUNTIME_API_KEY: KEY });
  }

  afterEach(async () => {
    expect(server?.unexpected ?? []).toEqual([]);
    await server?.close();
    server = undefined;
  });

  it('lists runtimes as a table, and as the API document with --json', async () => {
    const list = ok({ runtimes: [runtime('running', 'ready')], total: 1 });
    const human = await agentrt({ 'GET /list': [list] }, 'runtime', 'list');
    expect(human.code).toBe(0);
    expect(human.stdout.split('\n')[0]).toMatch(/^RUNTIME_ID\s+STATUS\s+POD\s+IMAGE/);
    expect(human.stdout).toContain(`${ID}  running  ready`);
    expect(human.stdout).not.toContain(SESSION_KEY);
    await server?.close();

    const json = await agentrt({ 'GET /list': [list] }, 'runtime', 'list', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(list.body);
  });

  it('shows a runtime without its session key unless asked', async () => {
    const routes = { [`GET /runtime/${ID}`]: [ok(runtime('paused', 'pending'))] };
    const human = await agentrt(routes, 'runtime', 'get', ID);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('status:      paused (pod pending)');
    expect(human.stdout).not.toContain(SESSION_KEY);
    await server?.close();
    const shown = await agentrt(routes, 'runtime', 'get', ID, '--show-key');
    expect(shown.stdout).toContain(`session_api_key: ${SESSION_KEY}`);
  });

  it('exits 4 for an unknown runtime (which the API answers 200 "not found")', async () => {
    const routes = {
      [`GET /runtime/${ID}`]: [ok({ runtime_id: ID, pod_status: 'not found' })],
    };
    const result = await agentrt(routes, 'runtime', 'get', ID, '--json');
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`runtime ${ID} not found`);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { exit_code: 4, status: 404 } });
  });

  it.each([
    [404, 4, 'Runtime x not found'],
    [401, 5, 'Invalid API key'],
    [409, 3, 'Runtime is stopping'],
    [500, 6, 'Redis is down'],
  ])('prints the server detail of a %p and exits %p', async (status, code, detail) => {
    const routes = { 'POST /stop': [{ status, body: { detail, code: 'some_code' } }] };
    const result = await agentrt(routes, 'runtime', 'stop', ID);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(`agentrt: ${detail} (HTTP ${status} some_code, POST /stop)`);
    expect(server?.received[0]?.body).toBe(JSON.stringify({ runtime_id: ID }));
  });

  it('exits 6 when the Runtime API does not answer', async () => {
    const result = await runAgentrt(['runtime', 'list'], {
      RUNTIME_API_URL: 'http://127.0.0.1:9',
      RUNTIME_API_KEY: KEY,
    });
    expect(result.code).toBe(6);
    expect(result.stderr).toContain('no answer');
  });

  it('starts a runtime and waits, telling each status change on stderr', async () => {
    const routes = {
      'POST /start': [ok(runtime('starting', 'pending'))],
      [`GET /runtime/${ID}`]: [ok(runtime('running', 'running')), ok(runtime('running', 'ready'))],
    };
    const result = await agentrt(
      routes,
      'runtime',
      'start',
      '--image',
      'img',
      '--env',
      'A=1=2',
      '--json',
    );
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')).toEqual([
      `runtime ${ID}: starting (pod pending)`,
      `runtime ${ID}: running (pod running)`,
      `runtime ${ID}: running (pod ready)`,
      '',
    ]);
    expect(JSON.parse(result.stdout)).toMatchObject({ runtime_id: ID, pod_status: 'ready' });
    expect(JSON.parse(server?.received[0]?.body ?? '')).toEqual({
      image: 'img',
      resource_factor: 1,
      environment: { A: '1=2' },
    });
  });

  it('exits 1 with the log tail when the runtime fails to become ready', async () => {
    const failed = { ...runtime('error', 'failed'), pod_logs: 'booting\nEADDRINUSE: port taken' };
    const routes = {
      'POST /start': [ok(runtime('starting', 'pending'))],
      [`GET /runtime/${ID}`]: [ok(failed)],
    };
    const result = await agentrt(routes, 'runtime', 'start', '--image', 'img');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`runtime ${ID} did not become ready: error (pod failed)`);
    expect(result.stderr).toContain('log: EADDRINUSE: port taken');
    expect(result.stdout).toBe('');
  });

  it('stops waiting on Ctrl-C (exit 130) and says how to stop the runtime', async () => {
    server = await FakeServer.start(
      {
        'POST /start': [ok(runtime('starting', 'pending'))],
        [`GET /runtime/${ID}`]: [ok(runtime('starting', 'pending'))],
      },
      KEY,
    );
    const interrupt = new AbortController();
    const pending = runAgentrt(
      ['runtime', 'start', '--image', 'img'],
      { RUNTIME_API_URL: server.url, RUNTIME_API_KEY: KEY },
      { interrupt: interrupt.signal },
    );
    await waitFor(() => Promise.resolve(server?.received.length === 1), {
      description: 'the start request',
    });
    interrupt.abort();
    const result = await pending;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(`\`agentrt runtime stop ${ID}\` stops it`);
  });

  it('attaches to a paused session: resumes it, then prints the url but not the key', async () => {
    const routes = {
      'GET /sessions/sess-1': [ok(runtime('paused', 'pending'))],
      'POST /resume': [ok(runtime('starting', 'pending'))],
      [`GET /runtime/${ID}`]: [ok(runtime('running', 'ready'))],
    };
    const result = await agentrt(routes, 'runtime', 'attach', 'sess-1');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`url: http://127.0.0.1:1/${ID}\nruntime_id: ${ID}\n`);
    expect(result.stderr).toContain('paused, resuming');
  });

  it('exits 4 when the session has no runtime', async () => {
    const routes = {
      'GET /sessions/nope': [{ status: 404, body: { detail: 'no runtime for session nope' } }],
    };
    const result = await agentrt(routes, 'runtime', 'attach', 'nope');
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('session nope has no runtime');
  });
});
