import { randomUUID } from 'node:crypto';
import { BashOutputSchema } from '@agentrt/contracts';
import { Deployment } from './deployment';
import { agentServerArgv, executeBash, expectRuntimeFields } from './runtime-api.harness';
import {
  RemoteSandboxServiceReplay,
  type RuntimeData,
  type SandboxInfo,
} from './remote-sandbox-service.replay';

/**
 * The OpenHands V1 app server's `RemoteSandboxService` against runtime-api, call by call
 * (remote-sandbox-service.replay.ts replays openhands/app_server/sandbox/).
 */
describe('conformance: OpenHands V1 RemoteSandboxService (remote_sandbox_service.py)', () => {
  let deployment: Deployment;
  let service: RemoteSandboxServiceReplay;
  // The sandbox id is the conversation id's hex (live_status_app_conversation_service.py).
  const sandboxId = randomUUID().replaceAll('-', '');
  let first: SandboxInfo;

  /**
   * `start_sandbox`'s body for the default spec (remote_sandbox_spec_service.py). V1 sends the
   * spec's argv (`/usr/local/bin/openhands-agent-server --port 60000`); ours is the agent server
   * built here.
   */
  const startBody = (id: string, command: string | string[] = agentServerArgv()) => ({
    image: 'ghcr.io/openhands/agent-server:1.0.0-python',
    command,
    working_dir: '/workspace',
    environment: {
      OPENVSCODE_SERVER_ROOT: '/openhands/.openvscode-server',
      LOG_JSON: 'true',
      OH_ENABLE_VNC: '0',
      OH_CONVERSATIONS_PATH: '/workspace/conversations',
      OH_BASH_EVENTS_DIR: '/workspace/bash_events',
      OH_VSCODE_PORT: '60001',
      WORKER_1: '12000',
      WORKER_2: '12001',
    },
    session_id: id,
    resource_factor: 1,
    run_as_user: 10001,
    run_as_group: 10001,
    fs_group: 10001,
    runtime_class: 'sysbox-runc',
  });

  beforeAll(async () => {
    deployment = await Deployment.start();
    await deployment.openRoot(); // runtimes run as 10001
    service = new RemoteSandboxServiceReplay(deployment.clientConfig);
  });
  afterAll(() => deployment?.tearDown());

  it('start_sandbox then wait_for_sandbox_running: /list, /start, /sessions/{id}, /alive', async () => {
    const started = await service.startSandbox(sandboxId, startBody(sandboxId));
    first = await service.waitForSandboxRunning(sandboxId);

    expect(started.sessionApiKey).toBe(first.sessionApiKey);
    const response = await deployment.client.call('GET', `/sessions/${sandboxId}`);
    const runtime = expectRuntimeFields(await response.json());
    const id = runtime.runtime_id;
    expect(service.http.sequence()).toEqual([
      'GET /list 200',
      'POST /start 200',
      `GET /sessions/${sandboxId} 200`,
      `GET /${id}/alive 200`,
    ]);
    // Path mode: the app server derives VS Code and worker URLs under /{runtime_id}.
    expect(first.exposedUrls?.map((url) => url.url)).toEqual([
      runtime.url,
      `${deployment.api.url}/${id}/vscode?tkn=${runtime.session_api_key}`,
      `${deployment.api.url}/${id}/work-1`,
      `${deployment.api.url}/${id}/work-2`,
    ]);
  });

  it('the agent server answers at the AGENT_SERVER url with the sandbox session key', async () => {
    const url = first.exposedUrls?.[0]?.url ?? '';
    const headers = { 'X-Session-API-Key': first.sessionApiKey ?? '' };
    // `_get_live_conversation_info`: GET {url}/api/conversations?ids=...
    const conversations = await fetch(`${url}/api/conversations?ids=${randomUUID()}`, { headers });
    expect(conversations.status).toBe(200);
    expect(await conversations.json()).toEqual([null]);
    const runtime = { url, session_api_key: first.sessionApiKey ?? '' };
    const written = await executeBash(runtime, 'id -u && echo hello > note.txt');
    expect(BashOutputSchema.parse(await written.json())).toMatchObject({
      stdout: '10001\n',
      exit_code: 0,
    });
  });

  it('batch_get_sandboxes: repeated ids on /sessions/batch; a stored id without a runtime is MISSING', async () => {
    const gone = randomUUID().replaceAll('-', '');
    service.stored.add(gone);
    service.http.calls.length = 0;

    const sandboxes = await service.batchGetSandboxes([sandboxId, gone, 'never-stored']);

    expect(service.http.calls).toEqual([`GET /sessions/batch?ids=${sandboxId}&ids=${gone} 200`]);
    expect(sandboxes.map((sandbox) => sandbox?.status ?? null)).toEqual([
      'RUNNING',
      'MISSING',
      null,
    ]);
    service.stored.delete(gone);
  });

  it('pause_sandbox: /sessions/{id} then /pause; the sandbox reads PAUSED and its url answers 503', async () => {
    service.http.calls.length = 0;
    expect(await service.lifecycle('pause', sandboxId)).toMatchObject({ status: 'paused' });

    expect(service.http.calls).toEqual([`GET /sessions/${sandboxId} 200`, 'POST /pause 200']);
    expect(await service.getSandbox(sandboxId)).toMatchObject({
      status: 'PAUSED',
      exposedUrls: null,
    });
    expect((await fetch(`${first.exposedUrls?.[0]?.url}/alive`)).status).toBe(503);
  });

  it('resume_sandbox, then waiting for it: RUNNING and alive again with a working key and files', async () => {
    service.http.calls.length = 0;
    const resumed = await service.lifecycle('resume', sandboxId);
    // V1 stores whatever key /resume answers (it allows rotation); ours keeps the same one.
    const key = resumed ? String(resumed['session_api_key']) : '';
    expect(key).toBe(first.sessionApiKey);
    const running = await service.waitForSandboxRunning(sandboxId);

    expect(running.status).toBe('RUNNING');
    const runtime = { url: running.exposedUrls?.[0]?.url ?? '', session_api_key: key };
    const read = await executeBash(runtime, 'cat note.txt');
    expect(BashOutputSchema.parse(await read.json()).stdout).toBe('hello\n');
  });

  it('the session-key lookup and the agent-server poll read it from GET /list', async () => {
    expect(await service.sandboxIdByKey(first.sessionApiKey ?? '')).toBe(sandboxId);
    // poll_agent_servers keeps runtimes whose status is running and reads url and key.
    const list = (await (await deployment.client.call('GET', '/list')).json()) as {
      runtimes: RuntimeData[];
    };
    const mine = list.runtimes.find((runtime) => runtime['session_id'] === sandboxId);
    expect(mine).toMatchObject({ status: 'running', url: first.exposedUrls?.[0]?.url });
  });

  it('delete_sandbox stops the runtime; afterwards it is MISSING and a second delete is false', async () => {
    service.http.calls.length = 0;
    expect(await service.deleteSandbox(sandboxId)).toBe(true);
    expect(service.http.calls).toEqual([`GET /sessions/${sandboxId} 200`, 'POST /stop 200']);

    service.stored.add(sandboxId);
    expect(await service.getSandbox(sandboxId)).toMatchObject({ status: 'MISSING' });
    expect(await service.deleteSandbox(sandboxId)).toBe(false);
  });

  // Bug: a runtime that failed to boot frees its session, so GET /sessions/{id} answers 404 and
  // V1 reads MISSING; wait_for_sandbox_running then polls until its timeout instead of failing
  // at once on ERROR (the `error` -> ERROR mapping in remote_sandbox_service.py).
  it('a sandbox whose runtime fails to boot reads ERROR', async () => {
    const failing = randomUUID().replaceAll('-', '');
    const started = await service.startSandbox(
      failing,
      startBody(failing, 'echo boom >&2; exit 3'),
    );
    expect(started.status).not.toBe('RUNNING');

    expect(await service.getSandbox(failing)).toMatchObject({ status: 'ERROR' });
  });
});
