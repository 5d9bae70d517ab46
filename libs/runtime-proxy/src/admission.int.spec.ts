import type { ProxyTarget } from './proxy-target';
import { RUNTIME_ID, SESSION_KEY, startProxyFixture, type ProxyFixture } from './testing/fixture';
import { jsonOf, send } from './testing/http-client';
import { RecordingLogger } from './testing/recording-logger';

const withKey = { 'x-session-api-key': SESSION_KEY };

describe('runtime proxy admission: runtime state and session key', () => {
  let fx: ProxyFixture;
  let logger: RecordingLogger;
  const setState = (state: Exclude<ProxyTarget['state'], 'running'>) =>
    fx.resolver.targets.set(RUNTIME_ID, { state, sessionApiKey: SESSION_KEY });

  beforeEach(async () => {
    logger = new RecordingLogger();
    fx = await startProxyFixture({ logger });
  });
  afterEach(async () => {
    await fx?.close();
  });

  it.each([
    ['without a key', {}],
    ['with a wrong key', { 'x-session-api-key': 'not-the-key' }],
    [
      'with the key in the query (HTTP takes the header only)',
      {},
      `?session_api_key=${SESSION_KEY}`,
    ],
  ])('answers 401 %s and forwards nothing', async (_case, headers, query = '') => {
    const reply = await send(`${fx.runtimeUrl}/api/conversations${query}`, { headers });
    expect(reply.status).toBe(401);
    expect(jsonOf(reply)).toEqual({
      detail: 'Missing or wrong X-Session-API-Key for this runtime',
      code: 'unauthorized',
      request_id: reply.headers['x-request-id'],
    });
    expect(fx.agent.seen).toEqual([]);
    expect(fx.resolver.traffic).toEqual([]);
  });

  it("forwards the agent server's public routes without a key", async () => {
    for (const path of ['/alive', '/health', '/ready', '/server_info', '/openapi.json']) {
      expect((await send(`${fx.runtimeUrl}${path}`)).status).toBe(201);
    }
    expect(fx.agent.seen.map((seen) => seen.url)).toEqual([
      '/alive',
      '/health',
      '/ready',
      '/server_info',
      '/openapi.json',
    ]);
    const rawPath = `/${RUNTIME_ID}/alive/../api/conversations`;
    expect((await send(fx.app.url, { rawPath })).status).toBe(401);
  });

  it('reports each admitted request to onTraffic', async () => {
    await send(`${fx.runtimeUrl}/api/a`, { headers: withKey });
    await send(`${fx.runtimeUrl}/alive`);
    expect(fx.resolver.traffic).toEqual([RUNTIME_ID, RUNTIME_ID]);
  });

  it('answers 404 for an unknown runtime', async () => {
    const reply = await send(`${fx.app.url}/rtffffffffff/alive`);
    expect(reply.status).toBe(404);
    expect(jsonOf(reply)).toMatchObject({
      detail: 'Runtime rtffffffffff not found',
      code: 'not_found',
    });
  });

  it('answers 503 with Retry-After for a paused runtime, pointing at /resume', async () => {
    setState('paused');
    const reply = await send(`${fx.runtimeUrl}/api/conversations`, { headers: withKey });
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('1');
    expect(jsonOf(reply)).toMatchObject({
      detail: `Runtime ${RUNTIME_ID} is paused; call POST /resume with its runtime_id`,
      code: 'service_unavailable',
    });
    // The gateway resumes on traffic, so a paused runtime's traffic is still reported.
    expect(fx.resolver.traffic).toEqual([RUNTIME_ID]);
  });

  it('checks the key before telling anyone the state', async () => {
    setState('paused');
    expect((await send(`${fx.runtimeUrl}/api/conversations`)).status).toBe(401);
    expect((await send(`${fx.runtimeUrl}/alive`)).status).toBe(503);
  });

  it.each([
    ['starting', 503, '1', 'is starting; retry shortly'],
    ['stopped', 404, undefined, 'is stopped; start a new runtime'],
    ['error', 503, undefined, `has failed; GET /runtime/${RUNTIME_ID} shows why, or stop it`],
  ] as const)('answers a %s runtime with %i', async (state, status, retryAfter, detail) => {
    setState(state);
    const reply = await send(`${fx.runtimeUrl}/alive`);
    expect(reply.status).toBe(status);
    expect(reply.headers['retry-after']).toBe(retryAfter);
    expect(jsonOf(reply)).toMatchObject({ detail: `Runtime ${RUNTIME_ID} ${detail}` });
    expect(fx.agent.seen).toEqual([]);
  });

  it('answers 503 on work hosts of a paused runtime too', async () => {
    setState('paused');
    expect((await send(`${fx.runtimeUrl}-8080/`)).status).toBe(503);
  });

  it('answers 503 with Retry-After and logs when the runtime lookup fails (its store is down)', async () => {
    fx.resolver.failWith = new Error('redis is down');
    const reply = await send(`${fx.runtimeUrl}/alive`);
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('1');
    expect(jsonOf(reply)).toMatchObject({
      detail: `Runtime ${RUNTIME_ID} cannot be looked up right now; retry`,
      code: 'service_unavailable',
    });
    expect(logger.lines).toEqual([
      expect.objectContaining({ level: 'warn', message: 'runtime lookup failed' }),
    ]);
    expect(fx.agent.seen).toEqual([]);
  });
});
