import { waitFor } from '@agentrt/testing';
import type { ProxyTarget } from './proxy-target';
import { RUNTIME_ID, SESSION_KEY, startProxyFixture, type ProxyFixture } from './testing/fixture';
import { jsonOf, send, type Reply } from './testing/http-client';
import { WakingResolver } from './testing/waking-resolver';
import { Client, refusalOf } from './testing/ws-client';

const withKey = { 'x-session-api-key': SESSION_KEY };

/** The resolver hook the gateway uses to resume a paused runtime on its first request. */
describe('runtime proxy with awaitRunning (resume on traffic)', () => {
  let fx: ProxyFixture;
  let resolver: WakingResolver;
  let running: ProxyTarget;
  const clients: Client[] = [];
  const pause = (state: 'paused' | 'starting' = 'paused') =>
    resolver.targets.set(RUNTIME_ID, { state, sessionApiKey: SESSION_KEY });
  const wsUrl = (path: string) => `${fx.app.url.replace('http:', 'ws:')}${path}`;

  async function start(awaitRunningTimeoutMs = 10_000) {
    resolver = new WakingResolver();
    fx = await startProxyFixture({ awaitRunningTimeoutMs }, resolver);
    running = resolver.targets.get(RUNTIME_ID) as ProxyTarget;
  }

  afterEach(async () => {
    clients.forEach((client) => client.ws.terminate());
    clients.length = 0;
    resolver?.wake(RUNTIME_ID, undefined); // releases any request still waiting
    await fx?.close();
  });

  it('holds a keyed request to a paused runtime until it runs, then forwards it', async () => {
    await start();
    pause();
    let answered: Reply | undefined;
    const pending = send(`${fx.runtimeUrl}/api/conversations`, { headers: withKey }).then(
      (reply) => (answered = reply),
    );
    await waitFor(() => Promise.resolve(resolver.awaited.length === 1), {
      description: 'the hook to be called',
    });
    expect(resolver.awaited).toEqual([{ runtimeId: RUNTIME_ID, state: 'paused' }]);
    expect(answered).toBeUndefined();
    expect(fx.agent.seen).toEqual([]);
    resolver.wake(RUNTIME_ID, running);
    const reply = await pending;
    expect(reply.status).toBe(201);
    expect(reply.headers['x-upstream']).toBe('agent');
    expect(fx.agent.seen.map((seen) => seen.url)).toEqual(['/api/conversations']);
  });

  it('waits for a starting runtime the same way', async () => {
    await start();
    pause('starting');
    const pending = send(`${fx.runtimeUrl}/api/x`, { headers: withKey });
    await waitFor(() => Promise.resolve(resolver.awaited.length === 1), {
      description: 'the hook to be called',
    });
    resolver.wake(RUNTIME_ID, running);
    expect((await pending).status).toBe(201);
    expect(resolver.awaited).toEqual([{ runtimeId: RUNTIME_ID, state: 'starting' }]);
  });

  it('checks the key first: a caller without it gets 401 and wakes nothing', async () => {
    await start();
    pause();
    const reply = await send(`${fx.runtimeUrl}/api/conversations`);
    expect(reply.status).toBe(401);
    const wrong = await send(`${fx.runtimeUrl}/api/conversations`, {
      headers: { 'x-session-api-key': 'not-the-key' },
    });
    expect(wrong.status).toBe(401);
    expect(resolver.awaited).toEqual([]);
    expect(resolver.traffic).toEqual([]);
  });

  it('never wakes a runtime for keyless routes (public paths, work hosts): 503 as before', async () => {
    await start();
    pause();
    expect((await send(`${fx.runtimeUrl}/alive`)).status).toBe(503);
    expect((await send(`${fx.runtimeUrl}-8080/`)).status).toBe(503);
    expect(resolver.awaited).toEqual([]);
  });

  it('answers 503 with Retry-After and a clear body when the wait runs out', async () => {
    await start(300);
    pause();
    const reply = await send(`${fx.runtimeUrl}/api/conversations`, { headers: withKey });
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('1');
    expect(jsonOf(reply)).toEqual({
      detail: `Runtime ${RUNTIME_ID} is still resuming after 0.3 s; retry`,
      code: 'service_unavailable',
      request_id: reply.headers['x-request-id'],
    });
    expect(fx.agent.seen).toEqual([]);
  });

  it.each([
    ['gone', undefined, 404, `Runtime ${RUNTIME_ID} not found`],
    ['stopped', 'stopped', 404, `Runtime ${RUNTIME_ID} is stopped; start a new runtime`],
  ] as const)(
    'answers for a runtime that ended %s while waited on',
    async (_, state, status, detail) => {
      await start();
      pause();
      const pending = send(`${fx.runtimeUrl}/api/x`, { headers: withKey });
      await waitFor(() => Promise.resolve(resolver.awaited.length === 1), {
        description: 'the hook to be called',
      });
      resolver.wake(RUNTIME_ID, state && { state, sessionApiKey: SESSION_KEY });
      const reply = await pending;
      expect(reply.status).toBe(status);
      expect(jsonOf(reply)).toMatchObject({ detail });
    },
  );

  it('holds a WebSocket upgrade with the key until the runtime runs, then splices it', async () => {
    await start();
    pause();
    const client = new Client(
      wsUrl(`/${RUNTIME_ID}/sockets/events/c1?session_api_key=${SESSION_KEY}`),
    );
    clients.push(client);
    await waitFor(() => Promise.resolve(resolver.awaited.length === 1), {
      description: 'the hook to be called',
    });
    resolver.wake(RUNTIME_ID, running);
    await client.opened;
    const echoed = client.next();
    client.ws.send('hello');
    expect(await echoed).toBe('hello');
  });

  it('refuses a WebSocket upgrade without the key with 401 and wakes nothing', async () => {
    await start();
    pause();
    const client = new Client(wsUrl(`/${RUNTIME_ID}/sockets/events/c1`));
    clients.push(client);
    const refused = await refusalOf(client);
    expect(refused.status).toBe(401);
    expect(resolver.awaited).toEqual([]);
  });
});
