import type { Runtime, RuntimeListResponse } from '@agentrt/contracts';
import { RUNTIME_IMAGE } from '../runtime-api/runtime-api.harness';
import { agentrt, jsonOf } from './cli-process';
import { LoopStack } from './loop-stack';

/**
 * `agentrt runtime ...` as a user runs it: the built CLI as a process against runtime-api on the
 * local backend (real agent servers as processes).
 */
describe('agentrt runtime (built CLI against runtime-api)', () => {
  let stack: LoopStack;
  let env: Record<string, string>;

  beforeAll(async () => {
    stack = await LoopStack.start();
    env = { RUNTIME_API_URL: stack.runtimeApi.api.url, RUNTIME_API_KEY: stack.runtimeApi.apiKey };
  }, 60_000);
  afterAll(async () => stack?.tearDown(), 60_000);

  const runtimeNow = async (id: string) =>
    jsonOf<Runtime>(await agentrt(['runtime', 'get', id, '--json'], env));

  it('starts a runtime, waits until ready, and lists, shows, pauses, resumes and stops it', async () => {
    const started = await agentrt(
      [
        'runtime',
        'start',
        '--image',
        RUNTIME_IMAGE,
        '--session-id',
        'cli-e2e-1',
        '--env',
        'GREETING=hi',
      ],
      env,
    );
    expect(started.code).toBe(0);
    expect(started.stderr).toMatch(/: running \(pod ready\)\n/);
    const id = /runtime_id: {2}(\S+)/.exec(started.stdout)?.[1] ?? '';
    expect(id).toMatch(/^[0-9a-f]{20}$/);
    expect(started.stdout).toContain('status:      running (pod ready)');

    const shown = await runtimeNow(id);
    expect(shown).toMatchObject({ runtime_id: id, session_id: 'cli-e2e-1', status: 'running' });
    // The session key is a credential: --json carries it (scripts need it), people do not see it.
    expect(started.stdout).not.toContain(shown.session_api_key);
    const human = await agentrt(['runtime', 'get', id], env);
    expect(human.stdout).not.toContain(shown.session_api_key);

    const listed = await agentrt(['runtime', 'list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      new RegExp(`^${id}\\s+running\\s+ready\\s+${RUNTIME_IMAGE}`, 'm'),
    );
    const listedJson = jsonOf<RuntimeListResponse>(
      await agentrt(['runtime', 'list', '--json'], env),
    );
    expect(listedJson.runtimes.map((r) => r.runtime_id)).toContain(id);

    const paused = await agentrt(['runtime', 'pause', id, '--json'], env);
    expect(paused.code).toBe(0);
    expect(jsonOf(paused)).toEqual({ runtime_id: id, status: 'paused' });
    expect((await runtimeNow(id)).status).toBe('paused');

    const resumed = await agentrt(['runtime', 'resume', id], env);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('status:      running (pod ready)');

    const stopped = await agentrt(['runtime', 'stop', id], env);
    expect(stopped).toMatchObject({ code: 0, stdout: `runtime ${id} stopped\n` });
    expect((await runtimeNow(id)).status).toBe('stopped');
  }, 90_000);

  it("attaches to a paused session's runtime: resumed, url printed, the key only on request", async () => {
    const started = jsonOf<Runtime>(
      await agentrt(
        ['runtime', 'start', '--image', RUNTIME_IMAGE, '--session-id', 'cli-e2e-2', '--json'],
        env,
      ),
    );
    try {
      expect((await agentrt(['runtime', 'pause', started.runtime_id], env)).code).toBe(0);

      const attached = await agentrt(['runtime', 'attach', 'cli-e2e-2'], env);
      expect(attached.code).toBe(0);
      expect(attached.stdout).toBe(`url: ${started.url}\nruntime_id: ${started.runtime_id}\n`);
      expect(attached.stderr).toContain('paused, resuming');
      expect((await runtimeNow(started.runtime_id)).status).toBe('running');

      const withKey = await agentrt(['runtime', 'attach', 'cli-e2e-2', '--show-key'], env);
      expect(withKey.stdout).toContain(`session_api_key: ${started.session_api_key}`);
      const json = jsonOf<Runtime>(
        await agentrt(['runtime', 'attach', 'cli-e2e-2', '--json'], env),
      );
      expect(json).toMatchObject({ url: started.url, session_api_key: started.session_api_key });
      // The agent server behind the url answers with that key.
      const alive = await fetch(`${started.url}/api/conversations/search`, {
        headers: { 'X-Session-API-Key': started.session_api_key },
      });
      expect(alive.status).toBe(200);
    } finally {
      await agentrt(['runtime', 'stop', started.runtime_id], env);
    }
  }, 90_000);

  it('exits 4 for an unknown runtime or session, with the reason', async () => {
    const unknown = 'ffffffffffffffffffff';
    const get = await agentrt(['runtime', 'get', unknown], env);
    expect(get.code).toBe(4);
    expect(get.stderr).toContain(`runtime ${unknown} not found`);
    const stop = await agentrt(['runtime', 'stop', unknown, '--json'], env);
    expect(stop.code).toBe(4);
    expect(jsonOf<{ error: { status: number } }>(stop).error.status).toBe(404);
    const attach = await agentrt(['runtime', 'attach', 'no-such-session'], env);
    expect(attach.code).toBe(4);
  });

  it('exits 2 for bad flags, 5 for a wrong key and 6 when nothing answers; never printing the key', async () => {
    const badFlag = await agentrt(
      ['runtime', 'start', '--image', RUNTIME_IMAGE, '--resource-factor', '3'],
      env,
    );
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('--resource-factor must be one of 1, 2, 4, 8');
    expect(badFlag.stderr).toContain('Usage: agentrt runtime start');

    const wrongKey = await agentrt(['runtime', 'list'], { ...env, RUNTIME_API_KEY: 'not-the-key' });
    expect(wrongKey.code).toBe(5);
    expect(wrongKey.stderr).toContain('HTTP 401');
    expect(wrongKey.stderr + wrongKey.stdout).not.toContain('not-the-key');

    const down = await agentrt(['runtime', 'list'], {
      ...env,
      RUNTIME_API_URL: 'http://127.0.0.1:9',
    });
    expect(down.code).toBe(6);
  });
});
