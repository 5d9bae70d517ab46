import { freePort, waitFor } from '@agentrt/testing';
import {
  RUNTIME_ID,
  SESSION_KEY,
  startProxyFixture,
  WORK_PORT,
  type ProxyFixture,
} from './testing/fixture';
import { Client, refusalOf } from './testing/ws-client';

describe('runtime proxy over WebSocket (real Nest app, real upstream)', () => {
  let fx: ProxyFixture;
  let wsBase: string;
  const clients: Client[] = [];
  const connect = (path: string, headers: Record<string, string> = {}) => {
    const client = new Client(`${wsBase}${path}`, headers);
    clients.push(client);
    return client;
  };
  const withKey = { 'x-session-api-key': SESSION_KEY };

  beforeEach(async () => {
    fx = await startProxyFixture();
    wsBase = fx.app.url.replace('http://', 'ws://');
  });
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.ws.terminate());
    await fx?.close();
  });

  it('echoes frames both ways with the key in the header', async () => {
    const client = connect(`/${RUNTIME_ID}/sockets/events/c1?resend_all=true`, withKey);
    await client.opened;
    const reply = client.next();
    client.ws.send('hello');
    expect(await reply).toBe('hello');
    const binary = new Promise<Buffer>((resolve) => client.ws.once('message', resolve));
    client.ws.send(Buffer.from([0, 1, 2, 255]));
    expect([...(await binary)]).toEqual([0, 1, 2, 255]);
    expect(fx.agent.seen[0]).toMatchObject({
      url: '/sockets/events/c1?resend_all=true',
      headers: { 'x-forwarded-prefix': `/${RUNTIME_ID}` },
    });
    expect(fx.resolver.traffic).toEqual([RUNTIME_ID]);
  });

  it('accepts the key in the session_api_key query parameter', async () => {
    const client = connect(`/${RUNTIME_ID}/sockets/events/c1?session_api_key=${SESSION_KEY}`);
    await client.opened;
    const reply = client.next();
    client.ws.send('via query');
    expect(await reply).toBe('via query');
  });

  it("propagates the client's close code to the upstream", async () => {
    const client = connect(`/${RUNTIME_ID}/sockets/events/c1`, withKey);
    await client.opened;
    client.ws.close(4000, 'client says bye');
    expect(await client.closed).toEqual({ code: 4000, reason: 'client says bye' });
    const seen = await waitFor(() => Promise.resolve(fx.agent.wsCloses[0]), {
      description: 'the upstream to see the close',
    });
    expect(seen).toBe(4000);
  });

  it("propagates the upstream's close code to the client", async () => {
    const client = connect(`/${RUNTIME_ID}/sockets/events/c1`, withKey);
    await client.opened;
    client.ws.send('close:4321');
    expect(await client.closed).toEqual({ code: 4321, reason: 'upstream says bye' });
  });

  it.each([
    ['without a key', {}],
    ['with a wrong key', { 'x-session-api-key': 'nope' }],
  ])('refuses the upgrade %s with 401 and the error body', async (_case, headers) => {
    const refused = await refusalOf(connect(`/${RUNTIME_ID}/sockets/events/c1`, headers));
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toEqual({
      detail: 'Missing or wrong X-Session-API-Key for this runtime',
      code: 'unauthorized',
      request_id: refused.headers['x-request-id'],
    });
    expect(fx.agent.seen).toEqual([]);
  });

  it('refuses the upgrade to a paused runtime with 503 and Retry-After', async () => {
    fx.resolver.targets.set(RUNTIME_ID, { state: 'paused', sessionApiKey: SESSION_KEY });
    const refused = await refusalOf(connect(`/${RUNTIME_ID}/sockets/events/c1`, withKey));
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
  });

  it('answers 502 when the runtime does not accept connections', async () => {
    const baseUrl = `http://127.0.0.1:${await freePort()}`;
    fx.resolver.targets.set(RUNTIME_ID, {
      state: 'running',
      baseUrl,
      sessionApiKey: SESSION_KEY,
      ports: {},
    });
    const refused = await refusalOf(connect(`/${RUNTIME_ID}/sockets/events/c1`, withKey));
    expect(refused.status).toBe(502);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'bad_gateway' });
  });

  it("relays the upstream's own refusal of the handshake", async () => {
    const refused = await refusalOf(connect(`/${RUNTIME_ID}/sockets/refuse`, withKey));
    expect(refused).toMatchObject({ status: 403, body: 'nope' });
  });

  it('forwards work host WebSockets without a key', async () => {
    const client = connect(`/${RUNTIME_ID}-${WORK_PORT}/hmr`);
    await client.opened;
    const reply = client.next();
    client.ws.send('reload');
    expect(await reply).toBe('reload');
    expect(fx.workHost.seen.map((seen) => seen.url)).toEqual(['/hmr']);
  });

  it('leaves upgrades on other paths to the other listeners', async () => {
    const client = connect('/other/socket');
    await client.opened;
    const reply = client.next();
    client.ws.send('ping');
    expect(await reply).toBe('app:ping');
    expect(fx.agent.seen).toEqual([]);
  });
});

describe('runtime proxy as the only upgrade listener', () => {
  let fx: ProxyFixture;

  beforeEach(async () => {
    fx = await startProxyFixture({ appSocket: false });
  });
  afterEach(async () => {
    await fx?.close();
  });

  it('refuses upgrades on paths it does not serve with 404 instead of leaving them hanging', async () => {
    const client = new Client(`${fx.app.url.replace('http://', 'ws://')}/not-a-runtime/socket`);
    try {
      expect((await refusalOf(client)).status).toBe(404);
    } finally {
      client.ws.terminate();
    }
  });
});
