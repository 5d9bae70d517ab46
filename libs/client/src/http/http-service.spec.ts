import { freePort } from '@agentrt/testing';
import { z } from 'zod';
import { ApiCallError } from './api-call-error';
import { HttpService } from './http-service';
import { answerJson, dropConnection, type LocalServer, serveLocally } from './local-server.testing';
import { retryAfterMs } from './retry-after';

const Ok = z.object({ ok: z.literal(true) });
let server: LocalServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const service = (url: string, extra: Partial<ConstructorParameters<typeof HttpService>[0]> = {}) =>
  new HttpService({ baseUrl: url, retryBaseDelayMs: 20, ...extra });

describe('HttpService retries', () => {
  it('waits for Retry-After (seconds) on a 429, then succeeds, on a POST too', async () => {
    server = await serveLocally((_req, res, index) =>
      index === 0
        ? answerJson(res, 429, { detail: 'slow down' }, { 'retry-after': '1' })
        : answerJson(res, 200, { ok: true }),
    );
    const started = Date.now();
    await expect(service(server.url).json('/x', Ok, { body: { a: 1 } })).resolves.toEqual({
      ok: true,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.received.map((r) => `${r.method} ${r.body.toString()}`)).toEqual([
      'POST {"a":1}',
      'POST {"a":1}',
    ]);
  });

  it('reads Retry-After as an HTTP date', async () => {
    server = await serveLocally((_req, res, index) =>
      index === 0
        ? answerJson(res, 429, {}, { 'retry-after': new Date(Date.now() + 1000).toUTCString() })
        : answerJson(res, 200, { ok: true }),
    );
    await expect(service(server.url).json('/x', Ok)).resolves.toEqual({ ok: true });
    expect(server.received).toHaveLength(2);
  });

  it('backs off on a 429 without Retry-After, and gives up after the configured retries', async () => {
    server = await serveLocally((_req, res) =>
      answerJson(res, 429, { detail: 'busy', code: 'rate_limited', request_id: 'r' }),
    );
    const error = await service(server.url, { retries: 2 })
      .json('/x', Ok)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, body: { detail: 'busy', code: 'rate_limited' } });
    expect(server.received).toHaveLength(3);
  });

  it('does not wait for a Retry-After longer than the cap: the caller gets it', async () => {
    server = await serveLocally((_req, res) =>
      answerJson(res, 429, { detail: 'later' }, { 'retry-after': '120' }),
    );
    const error = await service(server.url)
      .json('/x', Ok)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 120 });
    expect(server.received).toHaveLength(1);
  });

  it('retries = 0 (per call) means one attempt', async () => {
    server = await serveLocally((_req, res) => answerJson(res, 429, {}, { 'retry-after': '0' }));
    await expect(service(server.url).json('/x', Ok, { retries: 0 })).rejects.toMatchObject({
      status: 429,
    });
    expect(server.received).toHaveLength(1);
  });

  it('retries a GET whose connection was reset, and tells onRetry', async () => {
    server = await serveLocally((_req, res, index) =>
      index === 0 ? dropConnection(res) : answerJson(res, 200, { ok: true }),
    );
    const notices: string[] = [];
    const http = service(server.url, { onRetry: (n) => notices.push(`${n.method} ${n.retry}`) });
    await expect(http.json('/x', Ok)).resolves.toEqual({ ok: true });
    expect(server.received).toHaveLength(2);
    expect(notices).toEqual(['GET 1']);
  });

  it('never retries a POST after a connection reset (it may have been acted on)', async () => {
    server = await serveLocally((_req, res) => dropConnection(res));
    const error = await service(server.url)
      .json('/x', Ok, { body: { once: true } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ unreachable: true, method: 'POST' });
    expect(server.received).toHaveLength(1);
  });

  it('retries a POST the caller marks idempotent', async () => {
    server = await serveLocally((_req, res, index) =>
      index === 0 ? dropConnection(res) : answerJson(res, 200, { ok: true }),
    );
    await expect(
      service(server.url).json('/x', Ok, { body: {}, idempotent: true }),
    ).resolves.toEqual({ ok: true });
    expect(server.received).toHaveLength(2);
  });

  it('retries a refused GET until the service is up', async () => {
    const port = await freePort();
    let starting: Promise<LocalServer> | undefined;
    const http = service(`http://127.0.0.1:${port}`, {
      retryBaseDelayMs: 300,
      // The first attempt was refused: bring the service up during the backoff.
      onRetry: () => {
        starting ??= serveLocally((_req, res) => answerJson(res, 200, { ok: true }), port);
      },
    });
    try {
      await expect(http.json('/x', Ok)).resolves.toEqual({ ok: true });
    } finally {
      server = await starting;
    }
    expect(server?.received).toHaveLength(1);
  });

  it('does not retry a timeout, and says it timed out', async () => {
    server = await serveLocally(() => undefined); // never answers
    const error = await service(server.url, { timeoutMs: 100 })
      .json('/x', Ok)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ unreachable: true });
    expect((error as Error).message).toContain('timed out after 100 ms');
    expect(server.received).toHaveLength(1);
  });

  it('sends a streamed body whole again when a 429 is retried', async () => {
    server = await serveLocally((_req, res, index) =>
      index === 0
        ? answerJson(res, 429, {}, { 'retry-after': '0' })
        : answerJson(res, 200, { ok: true }),
    );
    let opened = 0;
    const stream = {
      contentType: 'application/octet-stream',
      length: 5,
      open: () => {
        opened += 1;
        return new Blob(['hello']).stream();
      },
    };
    await expect(service(server.url).json('/up', Ok, { stream })).resolves.toEqual({ ok: true });
    expect(opened).toBe(2);
    expect(server.received.map((r) => r.body.toString())).toEqual(['hello', 'hello']);
    expect(server.received[1]?.headers['content-length']).toBe('5');
  });
});

describe('error bodies', () => {
  it("carries a plain OpenHands {detail} body's detail", async () => {
    server = await serveLocally((_req, res) => answerJson(res, 404, { detail: 'Runtime gone' }));
    const error = await service(server.url)
      .json('/x', Ok)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, body: { detail: 'Runtime gone' } });
    expect((error as Error).message).toBe(`GET ${server.url}/x answered 404 (Runtime gone)`);
  });

  it("turns FastAPI's list of problems into text", async () => {
    const detail = [{ loc: ['body', 'image'], msg: 'field required' }];
    server = await serveLocally((_req, res) => answerJson(res, 422, { detail }));
    const error = await service(server.url)
      .json('/x', Ok)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ body: { detail: JSON.stringify(detail) } });
  });

  it('keeps the text of an answer that is not an error body', async () => {
    server = await serveLocally((_req, res) => {
      res.writeHead(502).end('<h1>Bad gateway</h1>');
    });
    const error = await service(server.url)
      .json('/x', Ok)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, body: undefined, transient: true });
    expect((error as Error).message).toContain('<h1>Bad gateway</h1>');
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and dates, and nothing else', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
