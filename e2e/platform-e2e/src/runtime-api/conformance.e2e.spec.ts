import { randomUUID } from 'node:crypto';
import type { Runtime } from '@agentrt/contracts';
import { Deployment } from './deployment';
import {
  errorBodyOf,
  expectRuntimeFields,
  type RuntimeApiClient,
  RUNTIME_IMAGE,
} from './runtime-api.harness';

/**
 * What all three OpenHands clients (remote_runtime.py, the SDK's remote_api/workspace.py and
 * the V1 remote_sandbox_service.py) rely on beyond their own call sequences, per runtime-api.md:
 * the full runtime object everywhere, session semantics, list and batch shapes, 404 semantics,
 * and lenient bodies (unknown fields, nulls from pydantic's model_dump).
 */
describe('conformance: the Runtime API contract shared by the OpenHands clients', () => {
  let deployment: Deployment;
  let client: RuntimeApiClient;
  const sessionA = `conf-a-${randomUUID()}`;
  const sessionB = `conf-b-${randomUUID()}`;
  let a: Runtime;
  let b: Runtime;

  const json = (method: string, path: string, body?: unknown) => client.json(method, path, body);
  const sessionIdsOf = (value: unknown) => (value as Runtime[]).map((r) => r.session_id).sort();

  beforeAll(async () => {
    deployment = await Deployment.start();
    client = deployment.client;
    [a, b] = await Promise.all([
      client.start({ image: RUNTIME_IMAGE, session_id: sessionA }),
      client.start({ image: RUNTIME_IMAGE, session_id: sessionB }),
    ]);
  });
  afterAll(() => deployment?.tearDown());

  it('every route that returns a runtime returns every field of runtime-api.md', async () => {
    const started = expectRuntimeFields(
      await json('POST', '/start', {
        image: RUNTIME_IMAGE,
        session_id: sessionA,
      }),
    );
    const ready = await client.waitReady(a.runtime_id);
    // running + ready is promised only once the agent server answers at url.
    expect((await fetch(`${ready.url}/alive`)).status).toBe(200);
    expectRuntimeFields(await json('GET', `/runtime/${a.runtime_id}`));
    expectRuntimeFields(await json('GET', `/sessions/${sessionA}`));
    const [batched] = (await json('GET', `/sessions/batch?ids=${sessionA}`)) as unknown[];
    expectRuntimeFields(batched);
    const list = (await json('GET', '/list')) as { runtimes: unknown[] };
    list.runtimes.forEach((runtime) => expectRuntimeFields(runtime));
    const paused = expectRuntimeFields(await json('POST', '/pause', { runtime_id: a.runtime_id }));
    const resumed = expectRuntimeFields(
      await json('POST', '/resume', { runtime_id: a.runtime_id }),
    );

    expect(started.runtime_id).toBe(a.runtime_id);
    expect([paused.status, resumed.status]).toEqual(['paused', 'running']);
  });

  it('a second /start with the same session_id returns the same runtime and starts nothing', async () => {
    const again = await client.start({
      image: 'another/image:tag',
      session_id: sessionB,
      environment: { IGNORED: 'yes' },
    });

    expect(again).toMatchObject({
      runtime_id: b.runtime_id,
      session_api_key: b.session_api_key,
      url: b.url,
      image: b.image,
    });
    expect(((await json('GET', '/list')) as { total: number }).total).toBe(2);
  });

  it('/list is {runtimes, total} with every live runtime', async () => {
    const list = (await json('GET', '/list')) as { runtimes: Runtime[]; total: number };

    expect(Object.keys(list).sort()).toEqual(['runtimes', 'total']);
    expect(list.total).toBe(list.runtimes.length);
    expect(sessionIdsOf(list.runtimes)).toEqual([sessionA, sessionB].sort());
  });

  it('/sessions/batch is a bare array: ids repeated or comma-separated, each once, unknown left out', async () => {
    const unknown = `conf-unknown-${randomUUID()}`;
    const both = [sessionA, sessionB].sort();

    expect(
      sessionIdsOf(await json('GET', `/sessions/batch?ids=${sessionA}&ids=${sessionB}`)),
    ).toEqual(both);
    expect(sessionIdsOf(await json('GET', `/sessions/batch?ids=${sessionA},${sessionB}`))).toEqual(
      both,
    );
    const mixed = `/sessions/batch?ids=${sessionA}&ids=${sessionA},${unknown}&ids=${sessionB}`;
    expect(sessionIdsOf(await json('GET', mixed))).toEqual(both);
    expect(await json('GET', `/sessions/batch?ids=${unknown}`)).toEqual([]);
  });

  it('unknown runtimes: 404 {detail} on /stop, /pause, /resume and /sessions; /runtime answers not found', async () => {
    const unknownId = 'f'.repeat(20);
    for (const path of ['/stop', '/pause', '/resume']) {
      const response = await client.call('POST', path, { runtime_id: unknownId });
      expect([path, response.status]).toEqual([path, 404]);
      expect((await errorBodyOf(response)).detail).toContain(unknownId);
    }
    const session = await client.call('GET', `/sessions/conf-unknown-${randomUUID()}`);
    expect(session.status).toBe(404);
    expect((await errorBodyOf(session)).code).toBe('not_found');

    for (const id of [unknownId, 'not-a-runtime-id']) {
      expect(await json('GET', `/runtime/${id}`)).toEqual({
        runtime_id: id,
        pod_status: 'not found',
      });
    }
  });

  it('accepts unknown extra fields and the nulls Python clients send for unset fields', async () => {
    const started = await client.start({
      image: RUNTIME_IMAGE,
      command: null,
      working_dir: null,
      environment: null,
      session_id: null,
      runtime_class: null,
      run_as_user: null,
      run_as_group: null,
      fs_group: null,
      image_pull_policy: null,
      client_trace_id: 'trace-1',
      labels: { team: 'conformance' },
    });
    expect(started.session_id).toMatch(/\S/);
    await client.waitReady(started.runtime_id);

    const extra = { runtime_id: started.runtime_id, reason: 'idle', metadata: { by: 'test' } };
    expect((await client.runtimeCall('/pause', extra)).status).toBe('paused');
    expect((await client.runtimeCall('/resume', extra)).status).toBe('running');
    expect((await client.runtimeCall('/stop', extra)).status).toBe('stopped');
  });

  it('/stop answers the stopped runtime with every field; the session is then free', async () => {
    const stopped = expectRuntimeFields(await json('POST', '/stop', { runtime_id: a.runtime_id }));
    expect(stopped).toMatchObject({ status: 'stopped', pod_status: 'not found' });
    expect(await json('POST', '/stop', { runtime_id: a.runtime_id })).toMatchObject({
      status: 'stopped',
    });

    expect((await client.call('GET', `/sessions/${sessionA}`)).status).toBe(404);
    expect(sessionIdsOf(await json('GET', `/sessions/batch?ids=${sessionA},${sessionB}`))).toEqual([
      sessionB,
    ]);
    expect(((await json('GET', '/list')) as { total: number }).total).toBe(1);
  });
});
