import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApiException } from '@agentrt/platform';
import { waitFor } from '@agentrt/testing';
import { TmuxService } from '@agentrt/tmux';
import { AgentServerConfigSchema } from '../config/agent-server.config';
import { RuntimeEnvironment } from '../environment/runtime-environment';
import { CliAgentsService } from './cli-agents.service';
import { writeStandIn } from './testing/cli-agent-stand-in';

const run = promisify(execFile);

/** The HTTP status and error code a failed call answers with. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  const error: unknown = await promise.then(
    () => new Error('expected a refusal'),
    (reason: unknown) => reason,
  );
  if (!(error instanceof ApiException)) throw error;
  return { status: error.getStatus(), code: error.code };
}

describe('CliAgentsService (real tmux)', () => {
  let dir: string;
  let socket: string;
  let tmux: TmuxService;
  let agents: CliAgentsService;
  let standIn: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-agents-int-'));
    socket = `agentrt-cli-int-${randomBytes(6).toString('hex')}`;
    const home = join(dir, 'home');
    await mkdir(join(home, '.creds'), { recursive: true });
    await writeFile(join(home, '.creds', 'token'), 'mounted-credential\n');
    const config = AgentServerConfigSchema.parse({
      WORKSPACE_DIR: dir,
      TMUX_SOCKET: socket,
      PATH: '/usr/local/bin:/usr/bin:/bin',
      HOME: home,
    });
    tmux = new TmuxService({ socketName: socket, stateDir: join(dir, 'state') });
    agents = new CliAgentsService(tmux, config, new RuntimeEnvironment(config), () => Date.now());
    standIn = await writeStandIn(dir);
  });

  afterEach(async () => {
    await tmux.killAll();
    await rm(dir, { recursive: true, force: true });
  });

  const screen = (name: string) => agents.capture(name, 100).then((c) => c.content);
  const until = (name: string, text: string) =>
    waitFor(async () => (await screen(name)).includes(text), {
      timeoutMs: 10_000,
      description: `"${text}" on the screen of ${name}`,
    });

  it('runs a command line in the workspace, answers prompts sent to it and lists it', async () => {
    const info = await agents.start({ name: 'echo', command: `${standIn} --flag`, env: {} });
    expect(info).toMatchObject({ name: 'echo', alive: true, cwd: dir, restarts: 0 });
    expect(info.attach_command).toBe(`tmux -L ${socket} attach-session -t =cli-echo`);
    await until('echo', `STAND-IN READY in ${dir}`);

    await agents.send('echo', { text: 'hello; world "$HOME" `id`', enter: true });
    await until('echo', 'ANSWER<hello; world "$HOME" `id`>');
    expect(await agents.list()).toEqual([info]);
  });

  it('types without Enter, then presses Enter on its own', async () => {
    await agents.start({ name: 'typing', command: [standIn], env: {} });
    await until('typing', 'READY');
    await agents.send('typing', { text: 'draft', enter: false });
    await until('typing', 'draft');
    expect(await screen('typing')).not.toContain('ANSWER<');
    await agents.send('typing', { text: '', enter: true });
    await until('typing', 'ANSWER<draft>');
  });

  it('gives the CLI the runtime HOME (and the credentials there) plus the request env', async () => {
    const command = 'cat "$HOME/.creds/token"; echo "KEY=$API_KEY"; exec cat';
    await agents.start({ name: 'creds', command, env: { API_KEY: 'k-123' } });
    await until('creds', 'mounted-credential');
    await until('creds', 'KEY=k-123');
  });

  it('reports a session killed outside as dead, refuses input and restarts it', async () => {
    await agents.start({ name: 'dies', command: [standIn], env: {} });
    await until('dies', 'READY');
    await run('tmux', ['-L', socket, 'kill-session', '-t', '=cli-dies']);

    expect(await agents.get('dies')).toMatchObject({ alive: false });
    expect(await refusal(agents.send('dies', { text: 'hi', enter: true }))).toEqual({
      status: 409,
      code: 'conflict',
    });
    expect(await agents.capture('dies', 10)).toEqual({ name: 'dies', alive: false, content: '' });

    const restarted = await agents.restart('dies');
    expect(restarted).toMatchObject({ alive: true, restarts: 1 });
    await agents.send('dies', { text: 'again', enter: true });
    await until('dies', 'ANSWER<again>');
  });

  it('keeps what an exited command printed and restarts it with the same command', async () => {
    await agents.start({ name: 'quits', command: [standIn], env: {} });
    await until('quits', 'READY');
    await agents.sendKeys('quits', { keys: ['C-d'] });
    await waitFor(async () => !(await agents.get('quits')).alive, { description: 'the exit' });
    expect(await screen('quits')).toContain('BYE');

    await agents.restart('quits');
    await agents.send('quits', { text: 'back', enter: true });
    await until('quits', 'ANSWER<back>');
  });

  it('refuses bad input, duplicates and unknown names with the matching status', async () => {
    const start = (name: string, command: string | string[], cwd?: string) =>
      refusal(agents.start({ name, command, cwd, env: {} }));
    expect(await start('nope', ['no-such-cli-program'])).toEqual({
      status: 400,
      code: 'bad_request',
    });
    expect(await start('nocwd', [standIn], join(dir, 'missing'))).toMatchObject({ status: 400 });
    await agents.start({ name: 'one', command: [standIn], env: {} });
    expect(await start('one', [standIn])).toEqual({ status: 409, code: 'conflict' });
    expect(await refusal(agents.get('ghost'))).toEqual({ status: 404, code: 'not_found' });
    expect(await refusal(agents.restart('ghost'))).toMatchObject({ status: 404 });
    expect(await refusal(agents.get('a;b'))).toEqual({ status: 400, code: 'bad_request' });
    expect((await agents.list()).map((agent) => agent.name)).toEqual(['one']);
  });

  it('delete ends the session and forgets the agent', async () => {
    await agents.start({ name: 'gone', command: [standIn], env: {} });
    await agents.remove('gone');
    expect(await agents.list()).toEqual([]);
    expect((await tmux.list()).map((session) => session.name)).toEqual([]);
    expect(await refusal(agents.remove('gone'))).toMatchObject({ status: 404 });
  });
});
