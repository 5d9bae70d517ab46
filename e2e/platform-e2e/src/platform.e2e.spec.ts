import { createHash, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DiagnosticPingResponseSchema,
  ErrorBodySchema,
  HealthResponseSchema,
} from '@agentrt/contracts';
import { AppProcess } from './support/app-process';
import { E2E } from './support/e2e-env';
import { freePort, waitFor } from '@agentrt/testing';

const API_KEY = `e2e-${randomUUID()}`;
const keyHash = createHash('sha256').update(API_KEY).digest('hex');

/** Each run gets its own key and queue prefix, so runs sharing one Redis never see each other. */
function sharedEnv(prefix: string): Record<string, string> {
  return { REDIS_URL: E2E.redisUrl, REDIS_KEY_PREFIX: prefix, QUEUE_PREFIX: prefix };
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown> };
}

async function health(app: AppProcess) {
  const response = await fetch(`${app.url}/health`);
  return { status: response.status, body: HealthResponseSchema.parse(await response.json()) };
}

describe('the four apps, booted as separate processes against real Redis', () => {
  const prefix = `e2e-${randomUUID().slice(0, 8)}`;
  let runtimeApi: AppProcess;
  let buildService: AppProcess;
  let agentServer: AppProcess;
  let gateway: AppProcess;

  beforeAll(async () => {
    runtimeApi = await AppProcess.start('runtime-api', {
      ...sharedEnv(prefix),
      RUNTIME_API_KEY_HASHES: keyHash,
    });
    buildService = await AppProcess.start('build-service', {
      ...sharedEnv(prefix),
      WORKER_ID: 'e2e-worker-1',
    });
    agentServer = await AppProcess.start('agent-server', {
      WORKSPACE_DIR: join(tmpdir(), `agentrt-platform-e2e-${prefix}`),
    });
    await Promise.all([runtimeApi.listening(), buildService.listening(), agentServer.listening()]);
    gateway = await AppProcess.start('gateway', {
      ...sharedEnv(prefix),
      RUNTIME_API_URL: runtimeApi.url,
      RUNTIME_API_KEY: API_KEY,
      GATEWAY_API_KEYS: `${keyHash}:run`,
      ADMIN_PORT: String(await freePort()),
    });
    await gateway.listening();
  });

  afterAll(async () => {
    await Promise.all(
      [gateway, runtimeApi, buildService, agentServer].filter(Boolean).map((app) => app.stop()),
    );
    await rm(join(tmpdir(), `agentrt-platform-e2e-${prefix}`), { recursive: true, force: true });
  });

  it('reports each app healthy with its dependency checks', async () => {
    const [api, worker, agent, edge] = await Promise.all(
      [runtimeApi, buildService, agentServer, gateway].map(health),
    );
    expect(api).toMatchObject({
      status: 200,
      body: { status: 'ok', service: 'runtime-api', checks: { redis: { status: 'up' } } },
    });
    expect(worker).toMatchObject({
      status: 200,
      body: {
        status: 'ok',
        service: 'build-service',
        checks: { redis: { status: 'up' }, queue_worker: { status: 'up' } },
      },
    });
    expect(agent).toMatchObject({
      status: 200,
      body: { status: 'ok', service: 'agent-server', checks: {} },
    });
    expect(edge).toMatchObject({
      status: 200,
      body: {
        status: 'ok',
        service: 'gateway',
        mode: 'runtime',
        modules: ['agent-runner', 'debugger', 'embodiment'],
        checks: { redis: { status: 'up' }, runtime_api: { status: 'up' } },
      },
    });
  });

  it('round-trips a diagnostic job from runtime-api through BullMQ to build-service', async () => {
    const response = await fetch(`${runtimeApi.url}/diagnostics/queue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({ message: 'hello worker', some_unknown_field: true }),
    });
    expect(response.status).toBe(200);
    const body = DiagnosticPingResponseSchema.parse(await response.json());
    expect(body).toMatchObject({
      message: 'hello worker',
      queue: 'diagnostics',
      processed_by: { service: 'build-service', worker_id: 'e2e-worker-1' },
    });
    expect(Date.parse(body.processed_at)).toBeGreaterThanOrEqual(Date.parse(body.enqueued_at));
  });

  it('answers a request without the API key with 401 and the error body, echoing the request id', async () => {
    const response = await fetch(`${runtimeApi.url}/diagnostics/queue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-me-1' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-request-id')).toBe('trace-me-1');
    expect(ErrorBodySchema.parse(await response.json())).toEqual({
      detail: 'Missing X-API-Key header',
      code: 'unauthorized',
      request_id: 'trace-me-1',
    });
  });

  it('logs each request as a JSON line with its request id, never the API key', async () => {
    await fetch(`${runtimeApi.url}/diagnostics/queue`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': API_KEY,
        'x-request-id': 'trace-me-2',
      },
      body: JSON.stringify({ message: 'logged' }),
    });
    const line = await waitFor(
      () =>
        Promise.resolve(
          runtimeApi
            .logs()
            .find((entry) => (entry['req'] as { id?: string } | undefined)?.id === 'trace-me-2'),
        ),
      { description: 'the request log line' },
    );
    expect(line).toMatchObject({ level: 'info', service: 'runtime-api', res: { statusCode: 200 } });
    expect(runtimeApi.output.join('\n')).not.toContain(API_KEY);
  });

  it('rejects bad input with 400 naming the field, and malformed JSON with 400', async () => {
    const post = (body: string) =>
      fetch(`${runtimeApi.url}/diagnostics/queue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
        body,
      });
    const invalid = await post(JSON.stringify({ timeout_ms: 'soon' }));
    expect(invalid.status).toBe(400);
    const invalidBody = ErrorBodySchema.parse(await invalid.json());
    expect(invalidBody.code).toBe('validation_failed');
    expect(invalidBody.errors?.map((issue) => issue.path)).toEqual(['timeout_ms']);

    const malformed = await post('{"message": ');
    expect(malformed.status).toBe(400);
    expect(ErrorBodySchema.parse(await malformed.json())).toMatchObject({
      detail: 'Request body is not valid JSON',
    });
  });

  it('answers an unknown route with 404 in the same error body (401 to callers without a key)', async () => {
    const anonymous = await fetch(`${gateway.url}/no/such/route`);
    expect(anonymous.status).toBe(401);
    expect(ErrorBodySchema.parse(await anonymous.json()).code).toBe('unauthorized');
    const response = await fetch(`${gateway.url}/no/such/route`, {
      headers: { 'x-api-key': API_KEY },
    });
    expect(response.status).toBe(404);
    expect(ErrorBodySchema.parse(await response.json()).code).toBe('not_found');
  });

  it('serves an OpenAPI document generated from the contracts on every app', async () => {
    const documents = await Promise.all(
      [runtimeApi, buildService, agentServer, gateway].map(async (app) => {
        const response = await fetch(`${app.url}/openapi.json`);
        return (await response.json()) as OpenApiDocument;
      }),
    );
    for (const document of documents) {
      expect(document.openapi).toMatch(/^3\./);
      expect(Object.keys(document.paths)).toContain('/health');
    }
    const schemas = JSON.stringify(documents[0]?.components?.schemas ?? {});
    expect(JSON.stringify(documents[0]?.paths['/diagnostics/queue'])).toContain(
      'DiagnosticPingRequestDto',
    );
    expect(schemas).toContain('timeout_ms');
    expect(schemas).toContain('processed_by');
  });
});

describe('when no worker listens on the queue', () => {
  it('answers the diagnostic ping with 504 and says what to check', async () => {
    const lonely = await AppProcess.start('runtime-api', {
      ...sharedEnv(`e2e-noworker-${randomUUID().slice(0, 8)}`),
      RUNTIME_API_KEY_HASHES: keyHash,
    });
    try {
      await lonely.listening();
      const response = await fetch(`${lonely.url}/diagnostics/queue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
        body: JSON.stringify({ timeout_ms: 500 }),
      });
      expect(response.status).toBe(504);
      const body = ErrorBodySchema.parse(await response.json());
      expect(body.code).toBe('gateway_timeout');
      expect(body.detail).toMatch(/No build-service worker answered within 500 ms/);
    } finally {
      await lonely.stop();
    }
  });
});
