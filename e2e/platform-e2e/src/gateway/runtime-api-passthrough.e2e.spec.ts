import type { Runtime } from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import { RUNTIME_IMAGE } from '../runtime-api/runtime-api.harness';
import { GatewayStack } from './gateway-stack';

/**
 * The Runtime API through the gateway: forwarded unchanged with the caller's runtime-api key, so
 * a client pointed at the gateway runs the same lifecycle as against runtime-api itself.
 */
describe('gateway: the Runtime API passed through to runtime-api', () => {
  let stack: GatewayStack;

  beforeAll(async () => {
    stack = await GatewayStack.start();
  }, 120_000);
  afterAll(async () => stack?.tearDown());

  const call = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => stack.call(method, path, { key: stack.runtimeApi.apiKey, body, headers });

  it('starts, reads, lists and stops a runtime through the gateway', async () => {
    const started = await call(
      'POST',
      '/start',
      { image: RUNTIME_IMAGE },
      { 'X-Request-Id': 'pass-1' },
    );
    expect(started.status).toBe(200);
    expect(started.headers.get('x-routed-to')).toBe('runtime-api');
    expect(started.headers.get('x-request-id')).toBe('pass-1');
    const runtime = (await started.json()) as Runtime;
    await waitFor(
      async () => {
        const current = (await (
          await call('GET', `/runtime/${runtime.runtime_id}`)
        ).json()) as Runtime;
        return current.status === 'running' && current.pod_status === 'ready';
      },
      { timeoutMs: 30_000, description: 'the runtime to be ready through the gateway' },
    );
    const list = (await (await call('GET', '/list')).json()) as { runtimes: Runtime[] };
    expect(list.runtimes.map((r) => r.runtime_id)).toContain(runtime.runtime_id);
    const stopped = await call('POST', '/stop', { runtime_id: runtime.runtime_id });
    expect(stopped.status).toBe(200);
    expect(((await stopped.json()) as Runtime).status).toBe('stopped');
  });

  it("answers with runtime-api's own refusals: no key, unknown runtime, bad body", async () => {
    const anonymous = await stack.call('POST', '/start', {
      key: '',
      body: { image: RUNTIME_IMAGE },
    });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'unauthorized' });
    // The same answer as runtime-api gives directly (its OpenHands-compatible "not found" body).
    const unknown = await call('GET', '/runtime/0123456789abcdef0123');
    const direct = await stack.runtimeApi.client.call('GET', '/runtime/0123456789abcdef0123');
    expect(unknown.status).toBe(direct.status);
    expect(await unknown.json()).toEqual(await direct.json());
    const bad = await call('POST', '/start', { image: 42 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'validation_failed' });
  });
});
