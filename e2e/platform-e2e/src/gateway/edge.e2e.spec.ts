import { ErrorBodySchema } from '@agentrt/contracts';
import {
  ALLOWED_ORIGIN,
  EdgeCluster,
  type EdgeReplica,
  LocalIdp,
  PER_KEY_PER_MINUTE,
  call,
} from './edge.harness';

/** A route that needs scope `run` and answers 200 from Redis alone (the caller's runs). */
const RUN_ROUTE = '/api/runs';

/**
 * The gateway edge end to end: two gateway processes on one Redis, a local OIDC provider, and
 * no runtime-api (nothing here needs one). Credentials, scopes, limits, CORS, request ids and
 * the admin port, as a client sees them.
 */
describe('gateway edge: credentials, scopes, limits, CORS and the admin port', () => {
  let idp: LocalIdp;
  let cluster: EdgeCluster;
  let one: EdgeReplica;
  let two: EdgeReplica;

  beforeAll(async () => {
    idp = await LocalIdp.start();
    cluster = new EdgeCluster(idp);
    try {
      await cluster.start(2);
    } catch (error) {
      await cluster.tearDown();
      await idp.close();
      throw error;
    }
    [one, two] = cluster.replicas as [EdgeReplica, EdgeReplica];
  }, 90_000);
  afterAll(async () => {
    await cluster?.tearDown();
    await idp?.close();
  });

  const errorOf = async (response: Response) => ErrorBodySchema.parse(await response.json());

  it('opens health and docs, and refuses missing (401), wrong (401) and unscoped (403) credentials', async () => {
    expect((await call('GET', `${one.url}/openapi.json`)).status).toBe(200);
    expect([200, 503]).toContain((await call('GET', `${one.url}/health`)).status);
    const missing = await call('GET', `${one.url}${RUN_ROUTE}`);
    expect(missing.status).toBe(401);
    expect(await errorOf(missing)).toMatchObject({ code: 'unauthorized' });
    const wrong = await call('GET', `${one.url}${RUN_ROUTE}`, { key: 'not-a-key' });
    expect(await errorOf(wrong)).toMatchObject({ code: 'unauthorized', detail: 'Invalid API key' });
    const adminOnly = await call('GET', `${one.url}${RUN_ROUTE}`, { key: cluster.keys.admin });
    expect(adminOnly.status).toBe(403);
    expect(await errorOf(adminOnly)).toMatchObject({ code: 'forbidden' });
    for (const path of ['/v1/models', '/mcp', '/alexa']) {
      expect((await call('POST', `${two.url}${path}`)).status).toBe(401);
    }
  });

  it('accepts a run key as X-API-Key or Bearer, on either replica', async () => {
    expect((await call('GET', `${one.url}${RUN_ROUTE}`, { key: cluster.keys.run })).status).toBe(
      200,
    );
    expect((await call('GET', `${two.url}${RUN_ROUTE}`, { bearer: cluster.keys.run })).status).toBe(
      200,
    );
  });

  it('accepts a valid OIDC token and says why a bad one is refused', async () => {
    const ok = await call('GET', `${one.url}${RUN_ROUTE}`, {
      bearer: await idp.token({ scope: 'openid agentrt:run' }),
    });
    expect(ok.status).toBe(200);
    const expired = await call('GET', `${one.url}${RUN_ROUTE}`, {
      bearer: await idp.token({ scope: 'agentrt:run', expires: '-2m' }),
    });
    expect(expired.status).toBe(401);
    expect((await errorOf(expired)).detail).toBe('Bearer token rejected: it has expired');
    const elsewhere = await call('GET', `${two.url}${RUN_ROUTE}`, {
      bearer: await idp.token({ scope: 'agentrt:run', aud: 'another-api' }),
    });
    expect(elsewhere.status).toBe(401);
    expect((await errorOf(elsewhere)).detail).toContain('claim "aud" check failed');
    const unscoped = await call('GET', `${one.url}${RUN_ROUTE}`, {
      bearer: await idp.token({ scope: 'openid' }),
    });
    expect(unscoped.status).toBe(403);
  });

  it('limits a key across both replicas: 429 with Retry-After once the shared count is used', async () => {
    const key = await createKey(['run'], 'rate-limited');
    for (let i = 0; i < PER_KEY_PER_MINUTE; i += 1) {
      const replica = i % 2 === 0 ? one : two;
      expect((await call('GET', `${replica.url}${RUN_ROUTE}`, { key: key.key })).status).toBe(200);
    }
    const limited = await call('GET', `${one.url}${RUN_ROUTE}`, { key: key.key });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await errorOf(limited)).toMatchObject({ code: 'rate_limited' });
    expect((await call('GET', `${two.url}${RUN_ROUTE}`, { key: key.key })).status).toBe(429);
    expect((await call('GET', `${two.url}${RUN_ROUTE}`, { key: cluster.keys.run })).status).toBe(
      200,
    );
  });

  it('answers CORS preflights for listed origins only, before authentication', async () => {
    const preflight = (origin: string) =>
      call('OPTIONS', `${one.url}${RUN_ROUTE}`, {
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await preflight('https://evil.test');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const refused = await call('GET', `${one.url}${RUN_ROUTE}`, {
      headers: { origin: ALLOWED_ORIGIN },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
  });

  it('echoes X-Request-Id on every answer, and makes one when none was sent', async () => {
    const headers = { 'x-request-id': 'edge-trace-1' };
    for (const response of [
      await call('GET', `${one.url}${RUN_ROUTE}`, { key: cluster.keys.run, headers }),
      await call('GET', `${one.url}${RUN_ROUTE}`, { headers }),
      await call('GET', `${one.url}/no-such-path`, { key: cluster.keys.run, headers }),
    ]) {
      expect(response.headers.get('x-request-id')).toBe('edge-trace-1');
      await response.body?.cancel();
    }
    const refused = await call('GET', `${two.url}${RUN_ROUTE}`);
    const id = refused.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await errorOf(refused)).request_id).toBe(id);
  });

  it('serves admin routes on ADMIN_PORT only, to admin credentials only', async () => {
    for (const path of ['/keys', '/agents']) {
      const onPublic = await call('GET', `${one.url}${path}`, { key: cluster.keys.runAdmin });
      expect(onPublic.status).toBe(404);
      await onPublic.body?.cancel();
    }
    expect((await call('GET', `${one.adminUrl}/health`)).status).toBe(200);
    expect((await call('GET', `${one.adminUrl}/keys`)).status).toBe(401);
    expect((await call('GET', `${one.adminUrl}/keys`, { key: cluster.keys.run })).status).toBe(403);
    const agents = await call('GET', `${one.adminUrl}/agents`, { key: cluster.keys.admin });
    expect(agents.status).toBe(200);
    await agents.body?.cancel();
  });

  it('a key created on the admin port works on both replicas until it is deleted', async () => {
    const created = await createKey(['run'], 'temporary');
    for (const replica of [one, two]) {
      expect((await call('GET', `${replica.url}${RUN_ROUTE}`, { key: created.key })).status).toBe(
        200,
      );
    }
    const listed = await call('GET', `${two.adminUrl}/keys`, { key: cluster.keys.admin });
    const { keys } = (await listed.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toContainEqual({
      id: created.id,
      name: 'temporary',
      scopes: ['run'],
      created_at: expect.any(String),
    });
    expect(JSON.stringify(keys)).not.toContain(created.key);
    const deleted = await call('DELETE', `${two.adminUrl}/keys/${created.id}`, {
      key: cluster.keys.admin,
    });
    expect(deleted.status).toBe(204);
    for (const replica of [one, two]) {
      expect((await call('GET', `${replica.url}${RUN_ROUTE}`, { key: created.key })).status).toBe(
        401,
      );
    }
  });

  async function createKey(scopes: string[], name: string): Promise<{ id: string; key: string }> {
    const response = await call('POST', `${one.adminUrl}/keys`, {
      key: cluster.keys.admin,
      body: { name, scopes },
    });
    if (response.status !== 201) throw new Error(`POST /keys: ${await response.text()}`);
    return (await response.json()) as { id: string; key: string };
  }
});
