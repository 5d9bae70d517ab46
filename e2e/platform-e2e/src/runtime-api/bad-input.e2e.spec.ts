import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { Deployment } from './deployment';
import {
  errorBodyOf,
  keyHashOf,
  type RuntimeApiClient,
  RUNTIME_IMAGE as IMAGE,
} from './runtime-api.harness';

/** Raw HTTP, for bodies and headers the JSON client cannot send. */
async function send(
  url: string,
  init: { method?: string; body?: string; type?: string; key?: string },
): Promise<Response> {
  return await fetch(url, {
    method: init.method ?? 'POST',
    headers: {
      ...(init.type ? { 'content-type': init.type } : {}),
      ...(init.key ? { 'X-API-Key': init.key } : {}),
    },
    body: init.body,
  });
}

/** Asserts a 4xx answer with our error body (never a 5xx) and returns the body. */
async function expectRejected(response: Response, status: number, code: string) {
  const body = await errorBodyOf(response);
  expect({ status: response.status, code: body.code }).toEqual({ status, code });
  return body;
}

describe('runtime-api bad input: 4xx with our error body, never a 5xx, nothing created', () => {
  let deployment: Deployment;
  let client: RuntimeApiClient;

  beforeAll(async () => {
    deployment = await Deployment.start();
    client = deployment.client;
  });
  afterAll(() => deployment?.tearDown());

  const wrongBodies: [string, Record<string, unknown>, string][] = [
    ['image as a number', { image: 42 }, 'image'],
    ['no image', { session_id: 'bad-input' }, 'image'],
    ['a blank image', { image: '   ' }, 'image'],
    ['resource_factor 3', { image: IMAGE, resource_factor: 3 }, 'resource_factor'],
    ['resource_factor as a string', { image: IMAGE, resource_factor: '2' }, 'resource_factor'],
    [
      'a non-string environment value',
      { image: IMAGE, environment: { DEBUG: true } },
      'environment.DEBUG',
    ],
    ['environment as a list', { image: IMAGE, environment: ['A=1'] }, 'environment'],
    ['command as an object', { image: IMAGE, command: { argv: ['sleep', '1'] } }, 'command'],
    ['a command argv holding a number', { image: IMAGE, command: ['sleep', 1] }, 'command'],
    [
      'an unknown pull policy',
      { image: IMAGE, image_pull_policy: 'Sometimes' },
      'image_pull_policy',
    ],
    ['a negative run_as_user', { image: IMAGE, run_as_user: -1 }, 'run_as_user'],
  ];

  it.each(wrongBodies)('/start with %s: 400 naming the field', async (_name, body, field) => {
    const response = await client.call('POST', '/start', body);

    const error = await expectRejected(response, 400, 'validation_failed');
    expect(error.errors?.map((issue) => issue.path)).toContain(field);
    expect(error.detail).toContain(field);
  });

  it.each(['/start', '/stop', '/pause', '/resume'])('%s with malformed JSON: 400', async (path) => {
    const response = await send(`${deployment.api.url}${path}`, {
      body: '{"image": "x", ',
      type: 'application/json',
      key: deployment.apiKey,
    });
    expect((await expectRejected(response, 400, 'bad_request')).detail).toMatch(/not valid JSON/);
  });

  it.each([
    ['text/plain', JSON.stringify({ image: IMAGE })],
    ['application/x-www-form-urlencoded', `image=${IMAGE}`],
    ['no content type', JSON.stringify({ image: IMAGE })],
  ])('/start with a %s body is refused with a 4xx', async (type, body) => {
    const response = await send(`${deployment.api.url}/start`, {
      body,
      type: type === 'no content type' ? undefined : type,
      key: deployment.apiKey,
    });
    const error = await errorBodyOf(response);
    expect([400, 415]).toContain(response.status);
    expect(['validation_failed', 'bad_request', 'unsupported_media_type']).toContain(error.code);
  });

  it.each(['/start', '/stop'])('%s with a body over 1 MB: 413', async (path) => {
    const big = { image: IMAGE, runtime_id: 'x', environment: { BIG: 'a'.repeat(1_100_000) } };
    const response = await client.call('POST', path, big);
    await expectRejected(response, 413, 'payload_too_large');
  });

  it.each([
    ['no runtime_id', {}],
    ['an empty runtime_id', { runtime_id: '' }],
    ['a numeric runtime_id', { runtime_id: 12345 }],
    ['a null runtime_id', { runtime_id: null }],
  ])('/stop, /pause and /resume with %s: 400', async (_name, body) => {
    for (const path of ['/stop', '/pause', '/resume']) {
      const error = await expectRejected(
        await client.call('POST', path, body),
        400,
        'validation_failed',
      );
      expect(error.errors?.map((issue) => issue.path)).toContain('runtime_id');
    }
  });

  it('unknown or odd runtime ids: 404 on /stop, /pause, /resume; not found on lookups', async () => {
    for (const id of ['0'.repeat(20), '../../etc/passwd', 'x'.repeat(5000)]) {
      for (const path of ['/stop', '/pause', '/resume']) {
        await expectRejected(await client.call('POST', path, { runtime_id: id }), 404, 'not_found');
      }
    }
    const lookup = await client.call('GET', `/runtime/${encodeURIComponent('../x')}`);
    expect(lookup.status).toBe(200);
    expect(await lookup.json()).toEqual({ runtime_id: '../x', pod_status: 'not found' });
    await expectRejected(
      await client.call('GET', `/sessions/${'s'.repeat(5000)}`),
      404,
      'not_found',
    );
  });

  it('query and flag mistakes: /sessions/batch without ids, rotate_session_key not a boolean', async () => {
    await expectRejected(await client.call('GET', '/sessions/batch'), 400, 'validation_failed');
    await expectRejected(
      await client.call('GET', '/sessions/batch?ids='),
      400,
      'validation_failed',
    );
    const rotate = { runtime_id: '0'.repeat(20), rotate_session_key: 'yes' };
    await expectRejected(await client.call('POST', '/resume', rotate), 400, 'validation_failed');
  });

  it('a missing or wrong X-API-Key is 401 on every route but /health', async () => {
    const document = (await (await fetch(`${deployment.api.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // The Runtime API routes every OpenHands client calls must be among them.
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /start',
        'POST /stop',
        'POST /pause',
        'POST /resume',
        'GET /list',
        'GET /sessions/batch',
        'GET /sessions/{session_id}',
        'GET /runtime/{runtime_id}',
      ]),
    );
    for (const route of routes.filter((r) => r !== 'GET /health')) {
      const [method = 'GET', template = '/'] = route.split(' ');
      const url = `${deployment.api.url}${template.replace(/\{[^}]+\}/g, 'x')}`;
      const body = method === 'GET' ? undefined : '{}';
      for (const key of [undefined, 'not-the-key', `${deployment.apiKey}x`]) {
        const response = await send(url, { method, body, type: 'application/json', key });
        expect([route, response.status]).toEqual([route, 401]);
        expect((await errorBodyOf(response)).code).toBe('unauthorized');
      }
    }
    expect((await fetch(`${deployment.api.url}/health`)).status).toBe(200);
  });

  it('nothing was created by any rejected request', async () => {
    const list = await client.list();
    expect(list.total).toBe(0);
    const entries = await readdir(deployment.root).catch(() => []);
    expect(entries.filter((name) => name !== '.owned')).toEqual([]);
  });
});

describe('runtime-api per-key limits (MAX_RUNTIMES_PER_KEY=1, START_RATE_PER_MINUTE=2)', () => {
  let deployment: Deployment;
  let keyA: RuntimeApiClient;
  let keyB: RuntimeApiClient;

  beforeAll(async () => {
    const otherKey = `rt-e2e-other-${randomUUID()}`;
    deployment = await Deployment.create({ MAX_RUNTIMES_PER_KEY: '1', START_RATE_PER_MINUTE: '2' });
    const hashes = `${deployment.env['RUNTIME_API_KEY_HASHES']},${keyHashOf(otherKey)}`;
    const api = await deployment.replica({ RUNTIME_API_KEY_HASHES: hashes });
    keyA = deployment.client;
    keyB = deployment.clientOf(api, otherKey);
  });
  afterAll(() => deployment?.tearDown());

  /** A 429 with a Retry-After of whole seconds and our error body; returns both. */
  async function expectLimited(response: Response) {
    const retryAfter = response.headers.get('retry-after') ?? '';
    const body = await expectRejected(response, 429, 'rate_limited');
    expect(retryAfter).toMatch(/^[1-9]\d*$/);
    return { retryAfter: Number(retryAfter), detail: body.detail };
  }

  const sessionA = `limits-a-${randomUUID()}`;
  let held: string;

  it('a key at its live-runtime limit gets 429 + Retry-After; another key and its own session do not', async () => {
    held = (await keyA.start({ image: IMAGE, session_id: sessionA })).runtime_id;

    const refused = await keyA.call('POST', '/start', {
      image: IMAGE,
      session_id: `limits-${randomUUID()}`,
    });
    const limited = await expectLimited(refused);
    expect(limited.detail).toMatch(/maximum of 1 live runtime/);

    const other = await keyB.start({ image: IMAGE, session_id: `limits-b-${randomUUID()}` });
    expect(other.runtime_id).not.toBe(held);
    const same = await keyA.start({ image: IMAGE, session_id: sessionA });
    expect(same.runtime_id).toBe(held);
    const list = await keyA.list();
    expect(list.total).toBe(2);
  });

  it('a key over its start rate gets 429 + Retry-After within the minute, even with room to run', async () => {
    await keyA.runtimeCall('/stop', { runtime_id: held });

    const refused = await keyA.call('POST', '/start', {
      image: IMAGE,
      session_id: `limits-${randomUUID()}`,
    });
    const limited = await expectLimited(refused);
    expect(limited.detail).toMatch(/Too many starts/);
    expect(limited.retryAfter).toBeLessThanOrEqual(60);
    const list = await keyA.list();
    expect(list.total).toBe(1);
  });
});
