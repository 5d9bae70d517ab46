import { randomUUID } from 'node:crypto';
import { BashOutputSchema } from '@agentrt/contracts';
import { Deployment } from './deployment';
import { agentServerArgv, expectRuntimeFields } from './runtime-api.harness';
import { RemoteRuntimeReplay } from './remote-runtime.replay';
import { ReplayHttp } from './replay-http';

/**
 * OpenHands V0 `RemoteRuntime` against runtime-api, call by call (remote-runtime.replay.ts
 * replays openhands/runtime/impl/remote/remote_runtime.py).
 */
describe('conformance: OpenHands V0 RemoteRuntime (remote_runtime.py)', () => {
  let deployment: Deployment;
  const sid = randomUUID().replaceAll('-', '');
  let first: { runtimeId: string; key: string };
  let connected: RemoteRuntimeReplay;

  const replay = (options: { keepRuntimeAlive: boolean; attachToExisting?: boolean }) =>
    new RemoteRuntimeReplay(
      new ReplayHttp(),
      { ...deployment.clientConfig, pauseClosedRuntimes: true, ...options },
      sid,
    );
  /**
   * What `_start_runtime` posts. V0 sends its action execution server's argv as `command`
   * (micromamba ... openhands.runtime.action_execution_server 60000 ...); our runtimes are our
   * agent server, so the argv is the one built here (see agentServerArgv).
   */
  const startRequest = () => ({
    image: 'ghcr.io/all-hands-ai/runtime:0.59-nikolaik',
    command: agentServerArgv(),
    working_dir: '/openhands/code/',
    environment: { DEBUG: 'true' },
    session_id: sid,
    resource_factor: 1,
    runtime_class: 'sysbox-runc',
  });

  beforeAll(async () => (deployment = await Deployment.start()));
  afterAll(() => deployment?.tearDown());

  it('connect starts a runtime: session 404, /start, poll /runtime/{id}, /alive with both keys', async () => {
    const runtime = replay({ keepRuntimeAlive: true });
    await runtime.connect(startRequest());

    const id = runtime.runtimeId ?? '';
    expect(runtime.http.sequence()).toEqual([
      `GET /sessions/${sid} 404`,
      'POST /start 200',
      `GET /runtime/${id} 200`,
      `GET /${id}/alive 200`,
    ]);
    const action = await runtime.runAction('echo hello > note.txt && cat note.txt');
    expect(BashOutputSchema.parse(await action.json()).stdout).toContain('hello');
    first = { runtimeId: id, key: runtime.sessionApiKey ?? '' };
    connected = runtime;
    expect(expectRuntimeFields(await deployment.client.lookup(id))).toMatchObject({
      session_id: sid,
      image: 'ghcr.io/all-hands-ai/runtime:0.59-nikolaik',
      status: 'running',
      pod_status: 'ready',
    });
  });

  it('close with keep_runtime_alive and pause_closed_runtimes pauses the runtime', async () => {
    connected.http.calls.length = 0;
    await connected.close();

    expect(connected.http.calls).toEqual(['POST /pause 200']);
    expect(await deployment.client.lookup(first.runtimeId)).toMatchObject({ status: 'paused' });
  });

  it('a later connect finds the session paused, resumes it, and keeps its key and files', async () => {
    const runtime = replay({ keepRuntimeAlive: true });
    await runtime.connect(startRequest());

    const id = first.runtimeId;
    expect(runtime.runtimeId).toBe(id);
    expect(runtime.sessionApiKey).toBe(first.key);
    // _check_existing_runtime resumes (and waits), then connect waits until alive once more.
    const alive = [`GET /runtime/${id} 200`, `GET /${id}/alive 200`];
    expect(runtime.http.sequence()).toEqual([
      `GET /sessions/${sid} 200`,
      'POST /resume 200',
      ...alive,
      ...alive,
    ]);
    const action = await runtime.runAction('cat note.txt');
    expect(BashOutputSchema.parse(await action.json()).stdout).toContain('hello');
  });

  it('an action meeting 503 from a runtime paused behind its back resumes it and retries', async () => {
    const runtime = replay({ keepRuntimeAlive: true });
    await runtime.connect(startRequest());
    const id = first.runtimeId;
    // A running runtime is used as it is: no /start, no /resume.
    expect(runtime.http.sequence()).toEqual([
      `GET /sessions/${sid} 200`,
      `GET /runtime/${id} 200`,
      `GET /${id}/alive 200`,
    ]);
    // Paused by someone else (the idle reaper, another client) while this client holds it.
    await deployment.client.runtimeCall('/pause', { runtime_id: id });
    runtime.http.calls.length = 0;

    const action = await runtime.runAction('cat note.txt');

    const bash = `POST /${id}/api/bash/execute_bash_command`;
    expect(runtime.http.sequence()).toEqual([
      `${bash} 503`,
      'POST /resume 200',
      `GET /runtime/${id} 200`,
      `GET /${id}/alive 200`,
      `${bash} 200`,
    ]);
    expect(BashOutputSchema.parse(await action.json()).stdout).toContain('hello');
  });

  it('close without keep_runtime_alive stops; attach then fails and a new connect starts afresh', async () => {
    const closing = replay({ keepRuntimeAlive: false });
    closing.runtimeId = first.runtimeId;
    await closing.close();
    expect(closing.http.calls).toEqual(['POST /stop 200']);

    const attaching = replay({ keepRuntimeAlive: false, attachToExisting: true });
    await expect(attaching.connect(startRequest())).rejects.toThrow('no existing runtime');
    expect(attaching.http.calls).toEqual([`GET /sessions/${sid} 404`]);

    const fresh = replay({ keepRuntimeAlive: false });
    await fresh.connect(startRequest());
    expect(fresh.http.calls.slice(0, 2)).toEqual([`GET /sessions/${sid} 404`, 'POST /start 200']);
    expect(fresh.runtimeId).not.toBe(first.runtimeId);
    expect(fresh.sessionApiKey).not.toBe(first.key);
    await fresh.close();
    expect(await deployment.client.lookup(fresh.runtimeId ?? '')).toMatchObject({
      status: 'stopped',
    });
  });

  it("_build_runtime's lookups: /registry_prefix names the repo, /image_exists answers for it", async () => {
    const runtime = replay({ keepRuntimeAlive: false });
    const repo = await runtime.runtimeImageRepo();
    const image = `${repo}:oh_v0.59.0_${randomUUID().slice(0, 8)}`;

    await expect(runtime.checkImageExists(image)).rejects.toThrow(`${image} does not exist`);
    expect(repo).toMatch(/^\S+\/runtime$/);
    expect(runtime.http.calls).toEqual([
      'GET /registry_prefix 200',
      `GET /image_exists?image=${encodeURIComponent(image)} 200`,
    ]);
  });

  it('a runtime that fails to boot ends connect at once on its fatal pod_status', async () => {
    const failing = new RemoteRuntimeReplay(
      new ReplayHttp(),
      { ...deployment.clientConfig, keepRuntimeAlive: false, pauseClosedRuntimes: false },
      randomUUID().replaceAll('-', ''),
    );

    const connect = failing.connect({
      ...startRequest(),
      session_id: failing.sid,
      command: 'exit 3',
    });

    await expect(connect).rejects.toThrow(
      /AgentRuntimeUnavailableError.*\(status: (failed|crashloopbackoff|unknown)\)/,
    );
    expect(failing.http.sequence()).toEqual([
      `GET /sessions/${failing.sid} 404`,
      'POST /start 200',
      `GET /runtime/${failing.runtimeId} 200`,
    ]);
  });
});
