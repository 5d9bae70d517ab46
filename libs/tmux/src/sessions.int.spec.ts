import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmuxFixture } from './tmux-fixture.testing';
import { TmuxError } from './tmux-error';
import { TmuxService } from './tmux.service';

const opts = { timeoutMs: 10_000 };

describe('TmuxService sessions (real tmux)', () => {
  let fixture: Awaited<ReturnType<typeof tmuxFixture>>;

  beforeEach(async () => {
    fixture = await tmuxFixture();
  });
  afterEach(() => fixture.cleanup());

  it('gives a session exactly the requested environment, secrets included', async () => {
    await fixture.shell('env', { API_TOKEN: "s3cr'et $x" });
    const { output } = await fixture.tmux.run('env', 'env | sort', opts);
    expect(output).toContain("API_TOKEN=s3cr'et $x\n");
    expect(output).not.toMatch(/^(SESSION_API_KEY|TMUX|JEST_WORKER_ID)=/m);
  });

  it('keeps concurrent sessions isolated', async () => {
    await Promise.all([fixture.shell('a', { WHO: 'a' }), fixture.shell('b', { WHO: 'b' })]);
    await fixture.tmux.run('a', 'cd /tmp && export WHO=changed', opts);
    const [a, b] = await Promise.all([
      fixture.tmux.run('a', 'echo "$WHO $PWD"', opts),
      fixture.tmux.run('b', 'echo "$WHO $PWD"', opts),
    ]);
    expect(a.output).toBe('changed /tmp\n');
    expect(b.output).toBe(`b ${fixture.dir}\n`);
  });

  it('lists, kills and refuses duplicate names', async () => {
    await fixture.shell('one');
    await fixture.shell('two');
    expect((await fixture.tmux.list()).map((s) => s.name).sort()).toEqual(['one', 'two']);
    await expect(fixture.shell('one')).rejects.toMatchObject({ reason: 'exists' });
    await fixture.tmux.kill('one');
    await fixture.tmux.kill('one');
    expect((await fixture.tmux.list()).map((s) => s.name)).toEqual(['two']);
    await expect(fixture.tmux.run('one', 'true', opts)).rejects.toBeInstanceOf(TmuxError);
  });

  it('refuses bad names and missing directories', async () => {
    await expect(fixture.tmux.create({ name: 'a:b', cwd: fixture.dir })).rejects.toMatchObject({
      reason: 'invalid',
    });
    await expect(
      fixture.tmux.create({ name: 'x', cwd: `${fixture.dir}/missing` }),
    ).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('sends text and keys to a program session and captures its pane', async () => {
    await fixture.tmux.create({
      name: 'cat',
      cwd: fixture.dir,
      env: fixture.env,
      command: ['cat'],
    });
    await fixture.tmux.sendText('cat', 'hello; world;', { enter: true });
    await waitFor(async () => (await fixture.tmux.capturePane('cat')).includes('hello; world;'));
    await fixture.tmux.sendKeys('cat', ['C-d']);
    await waitFor(async () => !(await fixture.tmux.isAlive('cat')));
    await expect(fixture.tmux.sendKeys('cat', ['C-c;'])).rejects.toMatchObject({
      reason: 'invalid',
    });
  });

  it('leaves a dead pane, not a shell, when a program cannot start', async () => {
    await fixture.tmux.create({
      name: 'missing',
      cwd: fixture.dir,
      env: fixture.env,
      command: [`${fixture.dir}/no-such-program`],
    });
    await waitFor(async () => !(await fixture.tmux.isAlive('missing')));
  });

  it('brackets a paste only when asked, for a program that enabled bracketed paste', async () => {
    // Turns bracketed paste on, then shows each line it reads with escapes made visible.
    const script = `printf '\\e[?2004h'; for i in 1 2; do IFS= read -r l; printf 'got:%q\\n' "$l"; done`;
    await fixture.tmux.create({
      name: 'paste',
      cwd: fixture.dir,
      env: fixture.env,
      command: ['/bin/bash', '-c', script],
    });
    await fixture.tmux.sendText('paste', 'plain', { enter: true });
    await fixture.tmux.sendText('paste', 'marked', { enter: true, bracketed: true });
    await waitFor(async () => (await fixture.tmux.capturePane('paste')).includes('got:$'));
    const pane = await fixture.tmux.capturePane('paste');
    expect(pane).toContain('got:plain\n');
    expect(pane).toContain("got:$'\\E[200~marked\\E[201~'");
  });

  it('builds the attach argv for the private socket', () => {
    const argv = fixture.tmux.attachCommand('main');
    expect(argv).toEqual([
      'tmux',
      '-L',
      expect.stringMatching(/^agentrt-test-/),
      'attach-session',
      '-t',
      '=main',
    ]);
  });

  it('dispose ends only its own sessions; killAll ends the server', async () => {
    await fixture.shell('mine');
    expect(await fixture.tmux.list()).toHaveLength(1);
    await fixture.tmux.dispose();
    expect(await fixture.tmux.list()).toEqual([]);
    await fixture.shell('again');
    const socket = await fixture.tmux.run(
      'again',
      'echo "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)"',
      opts,
    );
    await fixture.tmux.killAll();
    expect(await fixture.tmux.list()).toEqual([]);
    const socketName = fixture.tmux.attachCommand('x')[2] ?? '';
    expect(existsSync(join(socket.output.trim(), socketName))).toBe(false);
  });
});

describe('TmuxService.dispose at shutdown (real tmux)', () => {
  let fixture: Awaited<ReturnType<typeof tmuxFixture>>;

  beforeEach(async () => {
    fixture = await tmuxFixture();
  });
  afterEach(() => fixture.cleanup());

  const socketFile = async () => {
    const socket = await fixture.tmux.socketPath();
    if (!socket) throw new Error('tmux did not say where its socket is');
    return socket;
  };

  it('leaves no session-file folder and no socket file when its sessions were the last', async () => {
    await fixture.shell('mine');
    const socket = await socketFile();
    await fixture.tmux.dispose();
    expect(existsSync(join(fixture.dir, 'state'))).toBe(false);
    expect(existsSync(socket)).toBe(false);
  });

  it("keeps the socket file while another service's session still runs on it", async () => {
    const other = new TmuxService({
      socketName: fixture.tmux.attachCommand('x')[2] ?? '',
      stateDir: join(fixture.dir, 'other-state'),
    });
    await fixture.shell('mine');
    await other.create({ name: 'theirs', cwd: fixture.dir, env: fixture.env });
    const socket = await socketFile();
    await fixture.tmux.dispose();
    expect((await other.list()).map((s) => s.name)).toEqual(['theirs']);
    expect(existsSync(socket)).toBe(true);
    await other.dispose();
    expect(existsSync(socket)).toBe(false);
    expect(existsSync(join(fixture.dir, 'other-state'))).toBe(false);
  });
});

/** Polls `check` every 50 ms for up to 5 s. */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met within 5 s');
}
