import { randomUUID } from 'node:crypto';
import { Deployment } from './deployment';
import { agentServerArgv, expectRuntimeFields } from './runtime-api.harness';
import { ApiRemoteWorkspaceReplay } from './api-remote-workspace.replay';

/**
 * The software-agent-sdk's `APIRemoteWorkspace` against runtime-api, call by call
 * (api-remote-workspace.replay.ts replays openhands-workspace/.../remote_api/workspace.py).
 */
describe('conformance: software-agent-sdk APIRemoteWorkspace (remote_api/workspace.py)', () => {
  let deployment: Deployment;
  // The SDK's default session id: `agent-server-{uuid4}`.
  const sessionId = `agent-server-${randomUUID()}`;
  let first: { runtimeId: string; url: string; key: string };
  let initialised: ApiRemoteWorkspaceReplay;

  const workspace = (pauseOnClose: boolean, session = sessionId) =>
    new ApiRemoteWorkspaceReplay({ ...deployment.clientConfig, pauseOnClose }, session);
  /**
   * `_start_runtime`'s payload. The SDK sends its binary as one shell string
   * (`/usr/local/bin/openhands-agent-server --port 60000`); ours is the agent server built here,
   * and runtime-api, not a flag, chooses its port. resource_factor is sent only when not 1.
   * The flow forwards HOME (`forward_env=['HOME']`); the last tests send no environment at all.
   */
  const payload = (
    overrides: { session_id?: string; command?: string; environment?: Record<string, string> } = {},
  ) => ({
    image: 'ghcr.io/openhands/agent-server:latest-python',
    command: agentServerArgv().join(' '),
    working_dir: '/',
    environment: { HOME: '/tmp' },
    session_id: sessionId,
    run_as_user: 10001,
    fs_group: 10001,
    image_pull_policy: 'IfNotPresent',
    runtime_class: 'sysbox-runc',
    resource_factor: 2,
    ...overrides,
  });

  beforeAll(async () => {
    deployment = await Deployment.start();
    await deployment.openRoot(); // runtimes run as 10001
  });
  afterAll(() => deployment?.tearDown());

  it('a new workspace: session 404, /start, poll /sessions/{id} until ready, /health without a key', async () => {
    const ws = workspace(true);
    await ws.init(payload());

    const id = ws.runtimeId ?? '';
    expect(ws.http.sequence()).toEqual([
      `GET /sessions/${sessionId} 404`,
      'POST /start 200',
      `GET /sessions/${sessionId} 200`,
      `GET /${id}/health 200`,
    ]);
    const result = await ws.executeCommand('id -u && echo hello > note.txt');
    // run_as_user is honoured: the agent server and its shell run as 10001.
    expect(result).toEqual({ stdout: expect.stringMatching(/^10001\b/), exitCode: 0 });
    first = { runtimeId: id, url: ws.runtimeUrl ?? '', key: ws.sessionApiKey ?? '' };
    initialised = ws;
    const lookup = expectRuntimeFields(await deployment.client.lookup(id));
    expect(lookup).toMatchObject({ session_id: sessionId, resource_factor: 2, status: 'running' });
  });

  it('cleanup with pause_on_close pauses, and the url then answers 503', async () => {
    initialised.http.calls.length = 0;
    await initialised.cleanup();

    expect(initialised.http.calls).toEqual(['POST /pause 200']);
    expect((await fetch(`${first.url}/health`)).status).toBe(503);
  });

  it('a new workspace for the session resumes the paused runtime: same runtime, key and files', async () => {
    const ws = workspace(true);
    await ws.init(payload());

    const id = first.runtimeId;
    expect(ws.http.sequence()).toEqual([
      `GET /sessions/${sessionId} 200`,
      'POST /resume 200',
      `GET /sessions/${sessionId} 200`,
      `GET /${id}/health 200`,
    ]);
    expect([ws.runtimeId, ws.runtimeUrl, ws.sessionApiKey]).toEqual([id, first.url, first.key]);
    expect(await ws.executeCommand('cat note.txt')).toEqual({ stdout: 'hello\n', exitCode: 0 });
  });

  it('pause() then resume() round trips through /pause, /resume and the readiness poll', async () => {
    const ws = workspace(true);
    await ws.init(payload());
    ws.http.calls.length = 0;

    await ws.pause();
    await ws.resume();

    expect(ws.http.sequence()).toEqual([
      'POST /pause 200',
      'POST /resume 200',
      `GET /sessions/${sessionId} 200`,
      `GET /${first.runtimeId}/health 200`,
    ]);
    expect((await ws.executeCommand('cat note.txt')).stdout).toBe('hello\n');
  });

  it('a workspace attaching to the running session, on cleanup without pause_on_close, stops it', async () => {
    const ws = workspace(false);
    await ws.init(payload());
    expect(ws.runtimeId).toBe(first.runtimeId);
    ws.http.calls.length = 0;

    await ws.cleanup();

    expect(ws.http.calls).toEqual(['POST /stop 200']);
    expect((await deployment.client.call('GET', `/sessions/${sessionId}`)).status).toBe(404);
    expect(await deployment.client.lookup(first.runtimeId)).toMatchObject({ status: 'stopped' });
  });

  // uid 10001 has no passwd entry here: the backend gives the runtime its workspace as HOME.
  it("the SDK's default payload (no forwarded environment, run_as_user 10001) comes up", async () => {
    const ws = workspace(false, `agent-server-${randomUUID()}`);
    await ws.init(payload({ session_id: ws.sessionId, environment: {} })).catch(async (error) => {
      // The SDK only sees the 404 (next test); the runtime itself says why it failed.
      const runtime = await deployment.client.lookup(ws.runtimeId ?? '');
      throw new Error(`${String(error)}; the runtime: ${JSON.stringify(runtime)}`);
    });

    expect((await ws.executeCommand('id -u')).stdout).toBe('10001\n');
    await ws.cleanup();
  });

  // Bug: a runtime that failed to boot frees its session, so GET /sessions/{id}, which the SDK
  // polls, answers 404 and the SDK fails with "404 Not Found" instead of the pod status and logs
  // its wait is written to show (workspace.py, `_wait_until_runtime_alive_once`).
  it('a runtime that fails to boot ends the wait with its fatal pod status and logs', async () => {
    const ws = workspace(false, `agent-server-${randomUUID()}`);
    const failing = payload({ session_id: ws.sessionId, command: 'echo boom >&2; exit 3' });

    await expect(ws.init(failing)).rejects.toThrow(
      /Runtime failed \(status: [a-z]+\)\nPod logs: boom/,
    );
    expect(ws.http.sequence()).toEqual([
      `GET /sessions/${ws.sessionId} 404`,
      'POST /start 200',
      `GET /sessions/${ws.sessionId} 200`,
    ]);
  });
});
