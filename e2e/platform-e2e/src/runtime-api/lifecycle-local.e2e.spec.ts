import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BashOutputSchema, ErrorBodySchema, type Runtime } from '@agentrt/contracts';
import { Deployment } from './deployment';
import { executeBash, type RuntimeApiClient, RUNTIME_IMAGE } from './runtime-api.harness';

/** The local backend's ownership record names the runtime's process group leader. */
function leaderPid(root: string, runtimeId: string): number {
  const record = readFileSync(join(root, '.owned', `${runtimeId}.json`), 'utf8');
  return (JSON.parse(record) as { pid: number }).pid;
}

describe('runtime-api on the local backend: a runtime from start to stop', () => {
  let deployment: Deployment;
  let client: RuntimeApiClient;
  let root: string;
  let runtime: Runtime;

  beforeAll(async () => {
    deployment = await Deployment.start();
    ({ client, root } = deployment);
  });
  afterAll(() => deployment?.tearDown());

  it('starts a runtime whose url runs commands with the session key, and only with it', async () => {
    const started = await client.start({ image: RUNTIME_IMAGE });
    expect(started.url).toBe(`${deployment.api.url}/${started.runtime_id}`);
    runtime = await client.waitReady(started.runtime_id);
    expect(runtime.session_api_key).toBe(started.session_api_key);

    const alive = await fetch(`${runtime.url}/alive`);
    expect(alive.status).toBe(200);
    const response = await executeBash(runtime, 'echo hello > note.txt && cat note.txt');
    expect(response.status).toBe(200);
    expect(BashOutputSchema.parse(await response.json())).toMatchObject({
      exit_code: 0,
      stdout: expect.stringContaining('hello'),
    });

    const wrongKey = await executeBash(runtime, 'true', 'not-the-key');
    expect(wrongKey.status).toBe(401);
    expect(ErrorBodySchema.parse(await wrongKey.json()).code).toBe('unauthorized');
  });

  it('answers 503 at the url while paused and resumes with the same key and files', async () => {
    const paused = await client.runtimeCall('/pause', { runtime_id: runtime.runtime_id });
    expect(paused.status).toBe('paused');
    const refused = await executeBash(runtime, 'true');
    expect(refused.status).toBe(503);
    expect(ErrorBodySchema.parse(await refused.json()).detail).toMatch(/paused/);

    const resumed = await client.runtimeCall('/resume', { runtime_id: runtime.runtime_id });
    expect(resumed).toMatchObject({
      status: 'running',
      pod_status: 'ready',
      session_api_key: runtime.session_api_key,
    });
    const again = await executeBash(runtime, 'cat note.txt');
    expect(BashOutputSchema.parse(await again.json()).stdout).toContain('hello');
  });

  it('stops the runtime and leaves nothing behind', async () => {
    const pid = leaderPid(root, runtime.runtime_id);
    expect(existsSync(`/proc/${pid}`)).toBe(true);
    const stopped = await client.runtimeCall('/stop', { runtime_id: runtime.runtime_id });
    expect(stopped).toMatchObject({ status: 'stopped', pod_status: 'not found' });
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(existsSync(join(root, runtime.runtime_id))).toBe(false);
    expect(existsSync(join(root, '.owned', `${runtime.runtime_id}.json`))).toBe(false);
    expect((await client.call('GET', `/sessions/${runtime.session_id}`)).status).toBe(404);
    const gone = await executeBash(runtime, 'true');
    expect([404, 503]).toContain(gone.status);
    const list = await client.list();
    expect(list.total).toBe(0);
  });
});
