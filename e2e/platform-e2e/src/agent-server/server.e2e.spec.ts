import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorBodySchema, ServerInfoSchema } from '@agentrt/contracts';
import { AppProcess } from '../support/app-process';
import { waitFor } from '@agentrt/testing';

const INIT_KEY = 'init-key-for-e2e-0123456789';

describe('agent-server: health, auth and the one-time init of a warm runtime', () => {
  let workspace: string;
  let server: AppProcess;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'agentrt-server-e2e-'));
    // A warm-pool runtime boots with an init key and no session key.
    server = await (
      await AppProcess.start('agent-server', { WORKSPACE_DIR: workspace, INIT_API_KEY: INIT_KEY })
    ).listening();
  });

  afterAll(async () => {
    await server?.stop();
    await rm(workspace, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers });
  const init = (key: string | undefined, body: unknown) =>
    fetch(`${server.url}/init`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-init-api-key': key } : {}) },
      body: JSON.stringify(body),
    });

  it('answers the public routes without a key', async () => {
    for (const path of ['/alive', '/health', '/ready']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok' });
    }
    const info = ServerInfoSchema.parse(await (await get('/server_info')).json());
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect((await get('/openapi.json')).status).toBe(200);
  });

  it('counts API calls as activity in idle_time', async () => {
    const idle = () =>
      get('/server_info').then(async (r) => ServerInfoSchema.parse(await r.json()).idle_time);
    await waitFor(async () => (await idle()) >= 1, {
      description: 'idle_time to reach 1 s',
      timeoutMs: 5_000,
    });
    await get('/api/conversations/count');
    expect(await idle()).toBe(0);
  });

  it('refuses init without the right init key, then accepts it exactly once', async () => {
    expect((await init(undefined, { session_api_key: 'session-1' })).status).toBe(401);
    expect(
      (await init('wrong-init-key-for-e2e-000000', { session_api_key: 'session-1' })).status,
    ).toBe(401);
    const invalid = await init(INIT_KEY, { environment: { A: 'b' } });
    expect(invalid.status).toBe(400);
    expect(ErrorBodySchema.parse(await invalid.json()).errors?.[0]?.path).toBe('session_api_key');

    const accepted = await init(INIT_KEY, {
      session_api_key: 'session-1',
      environment: { GREETING: 'hi' },
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ success: true });
    const again = await init(INIT_KEY, { session_api_key: 'session-2' });
    expect(again.status).toBe(409);
  });

  it('requires the session key set by init on /api routes afterwards', async () => {
    const missing = await get('/api/conversations/count');
    expect(missing.status).toBe(401);
    expect(ErrorBodySchema.parse(await missing.json())).toMatchObject({
      code: 'unauthorized',
      detail: 'Missing X-Session-API-Key header',
    });
    expect(
      (await get('/api/conversations/count', { 'x-session-api-key': 'session-2' })).status,
    ).toBe(401);
    expect(
      (await get('/api/conversations/count', { 'x-session-api-key': 'session-1' })).status,
    ).toBe(200);
    expect((await get('/alive')).status).toBe(200);
  });
});
