import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TmuxService } from '@agentrt/tmux';
import { AgentServerConfigSchema } from '../../../config/agent-server.config';
import type { ToolContext } from '../agent-tool';
import type { TerminalArgs } from './terminal-args';
import { TerminalSessions, sessionName } from './terminal-sessions';
import { TerminalTool } from './terminal.tool';

const config = AgentServerConfigSchema.parse({
  TERMINAL_OUTPUT_LIMIT: '400',
  TERMINAL_TIMEOUT_SECONDS: '20',
  TERMINAL_MAX_TIMEOUT_SECONDS: '30',
});

describe('TerminalTool (real tmux)', () => {
  let dir: string;
  let tmux: TmuxService;
  let tool: TerminalTool;
  let context: ToolContext;
  const terminal = (args: TerminalArgs) => tool.execute(args, context);

  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'terminal-tool-')));
    tmux = new TmuxService({
      socketName: `agentrt-test-${randomBytes(6).toString('hex')}`,
      stateDir: join(dir, '.tmux'),
    });
    tool = new TerminalTool(new TerminalSessions(tmux), tmux, config);
    const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: dir, API_KEY: 'sk-secret' };
    context = {
      conversationId: randomUUID(),
      workingDir: join(dir, 'work'),
      env,
      signal: new AbortController().signal,
    };
  });
  afterEach(async () => {
    await tmux.killAll();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs in the conversation working dir, with its env, and keeps state between calls', async () => {
    const first = await terminal({ command: 'pwd; echo "$API_KEY"; mkdir -p sub && cd sub' });
    expect(first).toEqual({
      observation: {
        kind: 'TerminalObservation',
        command: 'pwd; echo "$API_KEY"; mkdir -p sub && cd sub',
        exit_code: 0,
        timeout: false,
        metadata: expect.objectContaining({ exit_code: 0, working_dir: join(dir, 'work/sub') }),
        full_output_save_dir: null,
      },
      text: `${join(dir, 'work')}\nsk-secret\n[Current working directory: ${join(dir, 'work/sub')}]\n[Command finished with exit code 0]`,
      isError: false,
    });
    expect((await terminal({ command: 'pwd' })).text).toMatch(/^.*\/work\/sub\n/);
  });

  it('never waits on a pager', async () => {
    await terminal({
      command:
        'git init -q . && git -c user.email=a@b -c user.name=a commit -q --allow-empty -m first',
    });
    expect(
      (await terminal({ command: 'git log --oneline | wc -l; git log --format=%s' })).text,
    ).toMatch(/^1\nfirst\n/);
  });

  it('reports a failing exit code without calling it a tool error', async () => {
    const outcome = await terminal({
      command: 'echo oops >&2; exit_code_test() { return 3; }; exit_code_test',
    });
    expect(outcome).toMatchObject({ isError: false, observation: { exit_code: 3 } });
    expect(outcome.text).toContain('oops\n');
  });

  it('keeps head and tail of long output within the limit', async () => {
    const { text } = await terminal({ command: 'seq 1 5000' });
    expect(text).toMatch(/^1\n2\n3\n/);
    expect(text).toMatch(/\[\.\.\. \d+ characters truncated \.\.\.\]/);
    expect(text).toContain('4999\n5000\n[Current working directory:');
    expect(text.length).toBeLessThan(400 + 200);
  });

  it('interrupts a command past its timeout and says so', async () => {
    const outcome = await terminal({ command: 'echo started; sleep 60', timeout: 1 });
    expect(outcome.observation).toMatchObject({ exit_code: -1, timeout: true });
    expect(outcome.text).toContain('started\n');
    expect(outcome.text).toContain('timed out after 1 seconds');
    expect((await terminal({ command: 'echo still here' })).text).toMatch(/^still here\n/);
  }, 30_000);

  it('passes secrets added later into the running shell, keeping its state', async () => {
    await terminal({ command: 'cd /tmp && export MINE=kept' });
    context = { ...context, env: { ...context.env, NEW_SECRET: 'fresh' } };
    const { text } = await terminal({ command: 'echo "$NEW_SECRET $MINE $(pwd)"' });
    expect(text).toMatch(/^fresh kept \/tmp\n/);
  });

  it('resets to a fresh shell, with or without a command', async () => {
    await terminal({ command: 'export GONE=1; cd /tmp' });
    const reset = await terminal({ command: '', reset: true });
    expect(reset).toMatchObject({
      isError: false,
      text: expect.stringContaining('terminal was reset'),
    });
    expect((await terminal({ command: 'echo "[$GONE]"; pwd', reset: true })).text).toMatch(
      new RegExp(`^\\[\\]\\n${join(dir, 'work')}\\n`),
    );
  });

  it('refuses input for a running process and empty commands', async () => {
    expect(await terminal({ command: 'y', is_input: true })).toMatchObject({
      isError: true,
      observation: { kind: 'TerminalObservation', exit_code: -1 },
    });
    expect((await terminal({ command: ' ' })).isError).toBe(true);
  });

  it('starts a new shell after the old one exited', async () => {
    const exited = await terminal({ command: 'exit 4' });
    expect(exited.text).toContain('The shell exited');
    expect(exited.observation).toMatchObject({ exit_code: 4 });
    expect((await terminal({ command: 'echo back' })).text).toMatch(/^back\n/);
  });

  it('ends the session on release', async () => {
    await terminal({ command: 'true' });
    expect(await tmux.isAlive(sessionName(context.conversationId))).toBe(true);
    await tool.release(context.conversationId);
    expect(await tmux.list()).toEqual([]);
  });
});
