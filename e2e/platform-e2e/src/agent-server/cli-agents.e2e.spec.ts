import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CliAgentCaptureSchema,
  type CliAgentInfo,
  CliAgentInfoSchema,
  CliAgentListSchema,
  ErrorBodySchema,
} from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import { AppProcess } from '../support/app-process';

const run = promisify(execFile);
const API_KEY = `cli-agents-e2e-${randomUUID()}`;
const SOCKET = `agentrt-cli-e2e-${randomBytes(6).toString('hex')}`;

/** A stand-in for an AI CLI: answers each prompt line with a marker; "quit" exits with 3. */
const STAND_IN = `#!/bin/bash
echo "STAND-IN READY token=$(cat "$HOME/.cli/token")"
while IFS= read -r line; do
  [ "$line" = quit ] && exit 3
  echo "ANSWER<$line>"
done
`;

describe('agent-server: /api/cli-agents over HTTP (real tmux)', () => {
  let workspace: string;
  let standIn: string;
  let server: AppProcess;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'agentrt-cli-agents-e2e-'));
    // The runtime's HOME with a credential in it, as the docker backend mounts them read-only.
    const home = join(workspace, 'home');
    await mkdir(join(home, '.cli'), { recursive: true });
    await writeFile(join(home, '.cli', 'token'), 'from-home');
    standIn = join(workspace, 'stand-in.sh');
    await writeFile(standIn, STAND_IN);
    await chmod(standIn, 0o755);
    server = await (
      await AppProcess.start('agent-server', {
        WORKSPACE_DIR: workspace,
        SESSION_API_KEY: API_KEY,
        TMUX_SOCKET: SOCKET,
        HOME: home,
      })
    ).listening();
  });

  afterAll(async () => {
    // The server ends its sessions on shutdown; tmux leaves its socket file behind, and the
    // server its (empty) session-file directory, so both are removed here.
    const socketPath = await run('tmux', [
      '-L',
      SOCKET,
      'display-message',
      '-p',
      '#{socket_path}',
    ]).then(
      ({ stdout }) => stdout.trim(),
      () => '',
    );
    await run('tmux', ['-L', SOCKET, 'kill-server']).catch(() => undefined);
    await server?.stop();
    if (socketPath) await rm(socketPath, { force: true });
    await rm(join(tmpdir(), `agentrt-cli-agents-${SOCKET}`), { recursive: true, force: true });
    await rm(workspace, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, body?: unknown, key = API_KEY) => {
    const response = await fetch(`${server.url}/api/cli-agents${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-session-api-key': key },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  const info = async (name: string): Promise<CliAgentInfo> => {
    const reply = await call('GET', `/${name}`);
    expect(reply.status).toBe(200);
    return CliAgentInfoSchema.parse(reply.body);
  };
  const untilScreenShows = (name: string, text: string) =>
    waitFor(
      async () => {
        const reply = await call('GET', `/${name}/capture?lines=50`);
        return CliAgentCaptureSchema.parse(reply.body).content.includes(text);
      },
      { timeoutMs: 15_000, description: `"${text}" on the screen of ${name}` },
    );
  const send = (name: string, text: string) => call('POST', `/${name}/send`, { text });

  it('refuses calls without the session key', async () => {
    expect((await call('GET', '', undefined, 'wrong')).status).toBe(401);
  });

  it('drives a stand-in CLI by send and capture, and recreates it after it is killed', async () => {
    const started = await call('POST', '', { name: 'standin', command: `${standIn}` });
    expect(started.status).toBe(201);
    expect(CliAgentInfoSchema.parse(started.body)).toMatchObject({
      name: 'standin',
      alive: true,
      cwd: workspace,
      attach_command: `tmux -L ${SOCKET} attach-session -t =cli-standin`,
    });
    await untilScreenShows('standin', 'STAND-IN READY token=from-home');

    expect((await send('standin', 'fix the bug; then run "tests"')).body).toEqual({
      success: true,
    });
    await untilScreenShows('standin', 'ANSWER<fix the bug; then run "tests">');
    const list = CliAgentListSchema.parse((await call('GET', '')).body);
    expect(list.map((agent) => [agent.name, agent.alive])).toEqual([['standin', true]]);

    // Killed from outside: reported dead, input refused until a restart recreates it.
    await run('tmux', ['-L', SOCKET, 'kill-session', '-t', '=cli-standin']);
    expect((await info('standin')).alive).toBe(false);
    const refused = await send('standin', 'hello?');
    expect(refused.status).toBe(409);
    expect(ErrorBodySchema.parse(refused.body).detail).toContain('restart');

    const restarted = await call('POST', '/standin/restart');
    expect(restarted.status).toBe(200);
    expect(CliAgentInfoSchema.parse(restarted.body)).toMatchObject({ alive: true, restarts: 1 });
    await send('standin', 'second life');
    await untilScreenShows('standin', 'ANSWER<second life>');
  });

  it('shows a CLI whose process exited as dead and restarts the same command', async () => {
    await call('POST', '', { name: 'quitter', command: [standIn] });
    await untilScreenShows('quitter', 'READY');
    await send('quitter', 'quit');
    await waitFor(async () => !(await info('quitter')).alive, { description: 'quitter exits' });

    await call('POST', '/quitter/restart');
    await send('quitter', 'back again');
    await untilScreenShows('quitter', 'ANSWER<back again>');
    expect((await call('DELETE', '/quitter')).body).toEqual({ success: true });
    expect((await call('GET', '/quitter')).status).toBe(404);
  });

  it('answers 400 with the error body for bad names and commands', async () => {
    for (const body of [
      { name: 'bad name; rm -rf /', command: [standIn] },
      { name: 'x:y', command: [standIn] },
      { name: 'ok', command: '' },
      { name: 'ok', command: [] },
      { name: 'ok', command: [standIn], cwd: 'relative' },
    ]) {
      const reply = await call('POST', '', body);
      expect(reply.status).toBe(400);
      expect(ErrorBodySchema.parse(reply.body).code).toBe('validation_failed');
    }
    const missing = await call('POST', '', { name: 'ok', command: ['no-such-ai-cli'] });
    expect(missing.status).toBe(400);
    expect(ErrorBodySchema.parse(missing.body).detail).toContain('no-such-ai-cli');
    expect((await call('GET', '/bad;name')).status).toBe(400);
  });

  it('answers 404 for an unknown name on every route', async () => {
    for (const [method, path, body] of [
      ['GET', '/ghost', undefined],
      ['POST', '/ghost/send', { text: 'hi' }],
      ['POST', '/ghost/keys', { keys: ['C-c'] }],
      ['GET', '/ghost/capture', undefined],
      ['POST', '/ghost/restart', undefined],
      ['DELETE', '/ghost', undefined],
    ] as const) {
      const reply = await call(method, path, body);
      expect(reply.status).toBe(404);
      expect(ErrorBodySchema.parse(reply.body).code).toBe('not_found');
    }
  });
});
