import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { freePort, waitFor } from '@agentrt/testing';
import {
  RUNTIME_ID,
  SESSION_KEY,
  startProxyFixture,
  WORK_PORT,
  type ProxyFixture,
} from './testing/fixture';
import { jsonOf, send } from './testing/http-client';
import { RecordingLogger } from './testing/recording-logger';
import { downloadContent, type EchoReply } from './testing/upstream-server';

const withKey = { 'x-session-api-key': SESSION_KEY };
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('runtime proxy over HTTP (real Nest app, real upstream)', () => {
  let fx: ProxyFixture;

  beforeEach(async () => {
    fx = await startProxyFixture();
  });
  afterEach(async () => {
    await fx?.close();
  });

  it('forwards method, path, query, headers and body to the agent server and relays its answer', async () => {
    const reply = await send(`${fx.runtimeUrl}/api/things?x=1&y=a%20b`, {
      method: 'PUT',
      headers: {
        ...withKey,
        'x-custom': 'kept',
        'content-type': 'text/plain',
        connection: 'keep-alive, x-drop-me',
        'x-drop-me': 'connection-scoped',
      },
      body: 'hello body',
    });

    expect(reply.status).toBe(201);
    expect(reply.headers['x-upstream']).toBe('agent');
    const echo = jsonOf<EchoReply>(reply);
    expect(echo).toMatchObject({
      method: 'PUT',
      url: '/api/things?x=1&y=a%20b',
      bodyBytes: 10,
      bodySha256: sha256('hello body'),
    });
    expect(echo.headers).toMatchObject({
      ...withKey,
      'x-custom': 'kept',
      host: new URL(fx.agent.url).host,
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': new URL(fx.app.url).host,
      'x-forwarded-prefix': `/${RUNTIME_ID}`,
    });
    expect(echo.headers).not.toHaveProperty('x-drop-me');
  });

  it('forwards the bare runtime URL to the upstream root, query included', async () => {
    const reply = await send(`${fx.runtimeUrl}?probe=1`, { headers: withKey });
    expect(jsonOf<EchoReply>(reply).url).toBe('/?probe=1');
  });

  it('streams the response: the first chunk arrives while the upstream is still writing', async () => {
    const chunks: string[] = [];
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${fx.runtimeUrl}/stream`, { headers: withKey, agent: false }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          // The upstream ends only after this: a buffering proxy would never deliver it.
          if (chunks.push(chunk) === 1) fx.agent.releaseStream();
        });
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    expect(chunks[0]).toBe('first\n');
    expect(chunks.join('')).toBe('first\nsecond\n');
  }, 10_000);

  it('sends the headers of an answer whose body has not started yet (an idle event stream)', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${fx.runtimeUrl}/headers-first`, { headers: withKey, agent: false });
      req.on('response', (res) => {
        // The upstream sends its body only after this: headers held back for it would never come.
        expect(res.headers['content-type']).toBe('text/event-stream');
        fx.agent.releaseStream();
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(body).toBe('data: late\n\n');
  }, 10_000);

  it('streams the request body: the upstream sees the first chunk before the client ends', async () => {
    const req = request(`${fx.runtimeUrl}/upload`, {
      method: 'POST',
      headers: withKey,
      agent: false,
    });
    const answered = new Promise<EchoReply>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(JSON.parse(body) as EchoReply));
      });
      req.on('error', reject);
    });
    req.write('part one;');
    await waitFor(() => Promise.resolve((fx.agent.chunksByUrl.get('/upload') ?? 0) >= 1), {
      timeoutMs: 5000,
      description: 'the first request chunk to reach the upstream',
    });
    req.end('part two');
    expect(await answered).toMatchObject({
      bodyBytes: 17,
      bodySha256: sha256('part one;part two'),
    });
  });

  it('passes a 10 MB upload and a 10 MB download intact', async () => {
    const size = 10 * 1024 * 1024;
    const upload = randomBytes(size);
    const uploaded = jsonOf<EchoReply>(
      await send(`${fx.runtimeUrl}/upload-big`, { method: 'POST', headers: withKey, body: upload }),
    );
    expect(uploaded).toMatchObject({ bodyBytes: size, bodySha256: sha256(upload) });

    const downloaded = await send(`${fx.runtimeUrl}/download?bytes=${size}`, { headers: withKey });
    expect(downloaded.status).toBe(200);
    expect(downloaded.raw.length).toBe(size);
    expect(sha256(downloaded.raw)).toBe(sha256(downloadContent(size)));
  });

  it('answers 502 with the error body when the runtime does not accept connections', async () => {
    fx.resolver.targets.set('rt00000000aa', {
      state: 'running',
      baseUrl: `http://127.0.0.1:${await freePort()}`,
      sessionApiKey: SESSION_KEY,
      ports: {},
    });
    const reply = await send(`${fx.app.url}/rt00000000aa/api/x`, { headers: withKey });
    expect(reply.status).toBe(502);
    expect(jsonOf(reply)).toEqual({
      detail: 'Runtime rt00000000aa is not reachable',
      code: 'bad_gateway',
      request_id: reply.headers['x-request-id'],
    });
  });

  it('answers 504 when the runtime stays silent past the upstream timeout', async () => {
    const reply = await send(`${fx.runtimeUrl}/silent`, { headers: withKey });
    expect(reply.status).toBe(504);
    expect(jsonOf(reply)).toMatchObject({ code: 'gateway_timeout' });
  });

  it('cancels the upstream request when the client goes away', async () => {
    const req = request(`${fx.runtimeUrl}/silent`, { headers: withKey, agent: false });
    req.on('error', () => undefined); // the abort below is the point
    req.end();
    await waitFor(() => Promise.resolve(fx.agent.seen.some((seen) => seen.url === '/silent')), {
      description: 'the request to reach the upstream',
    });
    req.destroy();
    await waitFor(() => Promise.resolve(fx.agent.silentClosed === 1), {
      timeoutMs: 1500, // below the 2 s upstream timeout, so only the abort can explain it
      description: 'the upstream request to be closed',
    });
  });

  it("leaves other paths to the app's own controllers, body parsing included", async () => {
    expect(jsonOf(await send(`${fx.app.url}/list`))).toEqual({ served_by: 'app' });
    expect(jsonOf(await send(`${fx.app.url}/health`))).toMatchObject({ served_by: 'app' });
    const started = await send(`${fx.app.url}/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ image: 'x' }),
    });
    expect(jsonOf(started)).toEqual({ served_by: 'app', body: { image: 'x' } });
    expect((await send(`${fx.app.url}/rtNOTANID/api/x`, { headers: withKey })).status).toBe(404);
    expect(fx.agent.seen).toEqual([]);
  });

  it('forwards work host paths to that port without a session key', async () => {
    const reply = await send(`${fx.runtimeUrl}-${WORK_PORT}/index.html?q=1`);
    expect(reply.status).toBe(201);
    expect(reply.headers['x-upstream']).toBe('work-host');
    expect(jsonOf<EchoReply>(reply)).toMatchObject({
      url: '/index.html?q=1',
      headers: { 'x-forwarded-prefix': `/${RUNTIME_ID}-${WORK_PORT}` },
    });
    const unknownPort = await send(`${fx.runtimeUrl}-9090/`);
    expect(unknownPort.status).toBe(404);
    expect(jsonOf(unknownPort)).toMatchObject({
      detail: `Runtime ${RUNTIME_ID} exposes no port 9090`,
      code: 'not_found',
    });
    expect(fx.agent.seen).toEqual([]);
  });
});

describe('runtime proxy on an app that registered a body parser first', () => {
  let fx: ProxyFixture;
  const logger = new RecordingLogger();

  beforeEach(async () => {
    fx = await startProxyFixture({ parserFirst: true, logger });
  });
  afterEach(async () => {
    await fx?.close();
  });

  it('still forwards the body intact: the proxy takes its requests ahead of the whole app', async () => {
    const body = JSON.stringify({ agent: {} });
    const reply = await send(`${fx.runtimeUrl}/api/conversations`, {
      method: 'POST',
      headers: { ...withKey, 'content-type': 'application/json' },
      body,
    });
    expect(reply.status).toBe(201);
    expect(jsonOf<EchoReply>(reply)).toMatchObject({ bodySha256: sha256(body) });
    expect(logger.lines).toEqual([]);
  });
});

describe('runtime proxy given an upstream it cannot speak to', () => {
  let fx: ProxyFixture;
  const logger = new RecordingLogger();

  beforeEach(async () => {
    fx = await startProxyFixture({ logger });
  });
  afterEach(async () => {
    await fx?.close();
  });

  it('answers an https upstream with 500 and the error body, and logs why', async () => {
    fx.resolver.targets.set(RUNTIME_ID, {
      state: 'running',
      baseUrl: 'https://127.0.0.1:1',
      sessionApiKey: SESSION_KEY,
      ports: {},
    });
    const reply = await send(`${fx.runtimeUrl}/api/x`, { headers: withKey });
    expect(reply.status).toBe(500);
    expect(jsonOf(reply)).toEqual({
      detail: 'Internal server error',
      code: 'internal_error',
      request_id: reply.headers['x-request-id'],
    });
    expect(logger.lines).toEqual([
      expect.objectContaining({ level: 'error', message: 'runtime proxy failed' }),
    ]);
    expect(String(logger.lines[0]?.fields['err'])).toContain('https: is not supported');
  });
});
