import { existsSync } from 'node:fs';
import { tmuxFixture } from './tmux-fixture.testing';

const timeoutMs = 10_000;

describe('TmuxService.run (real tmux)', () => {
  let fixture: Awaited<ReturnType<typeof tmuxFixture>>;

  beforeEach(async () => {
    fixture = await tmuxFixture();
    await fixture.shell('main');
  });
  afterEach(() => fixture.cleanup());

  const run = (command: string, ms = timeoutMs) =>
    fixture.tmux.run('main', command, { timeoutMs: ms });

  it('keeps cd and export between commands and reports the working directory', async () => {
    expect((await run('mkdir -p sub && cd sub && export GREETING="hi there"')).cwd).toBe(
      `${fixture.dir}/sub`,
    );
    const result = await run('echo "$GREETING from $(pwd)"');
    expect(result).toEqual({
      output: `hi there from ${fixture.dir}/sub\n`,
      exitCode: 0,
      timedOut: false,
      cwd: `${fixture.dir}/sub`,
      shellExited: false,
    });
  });

  it('reports exit codes, and never echoes the command itself', async () => {
    expect(await run('false')).toMatchObject({ exitCode: 1, output: '' });
    expect(await run('(exit 42)')).toMatchObject({ exitCode: 42 });
    expect(await run('ls /definitely-missing')).toMatchObject({
      exitCode: 2,
      output: expect.stringContaining('No such file or directory'),
    });
  });

  it('runs multi-line commands, heredocs and quotes verbatim', async () => {
    const command = [
      "printf '%s\\n' 'single \"quoted\"' ;",
      'cat <<EOF',
      'line one',
      '  line two; with semicolon;',
      'EOF',
      'echo done',
    ].join('\n');
    expect((await run(command)).output).toBe(
      'single "quoted"\nline one\n  line two; with semicolon;\ndone\n',
    );
  });

  it('captures all of a 100k-line output, not just the visible pane', async () => {
    const { output, exitCode } = await run('seq 1 100000', 60_000);
    const lines = output.trimEnd().split('\n');
    expect(exitCode).toBe(0);
    expect(lines).toHaveLength(100_000);
    expect(lines[0]).toBe('1');
    expect(lines[99_999]).toBe('100000');
  }, 90_000);

  it('strips colours and keeps output without a trailing newline exact', async () => {
    expect((await run("printf '\\033[31mred\\033[0m plain'")).output).toBe('red plain');
  });

  it('on timeout kills the whole process tree and leaves the shell usable', async () => {
    const result = await run('sleep 100 & echo $!; sleep 100; wait', 500);
    expect(result).toMatchObject({ timedOut: true, shellExited: false });
    await expect(processGone(Number(result.output.trim()))).resolves.toBe(true);
    expect((await run('pgrep -s 0 -x sleep | wc -l')).output.trim()).toBe('0');
    expect(await run('echo alive')).toMatchObject({ output: 'alive\n', exitCode: 0 });
  }, 30_000);

  it('spares background processes started by earlier commands', async () => {
    await run('sleep 100 > /dev/null 2>&1 &');
    await run('sleep 100', 300);
    expect((await run('jobs -p | wc -l')).output.trim()).toBe('1');
  }, 30_000);

  it('times out a command waiting on stdin instead of hanging', async () => {
    const result = await run('read -r line; echo "got $line"', 500);
    expect(result.timedOut).toBe(true);
    expect(await run('echo next')).toMatchObject({ output: 'next\n', timedOut: false });
  }, 30_000);

  it('kills a command that ignores Ctrl-C', async () => {
    const result = await run('bash -c \'trap "" INT; sleep 100\'', 300);
    expect(result).toMatchObject({ timedOut: true, shellExited: false });
    expect((await run('echo ok')).output).toBe('ok\n');
  }, 30_000);

  it('reports a shell that exits and forgets the session', async () => {
    const result = await run('echo bye; exit 3');
    expect(result).toMatchObject({ output: 'bye\n', exitCode: 3, shellExited: true });
    expect(await fixture.tmux.isAlive('main')).toBe(false);
  });

  it('runs commands of one session one after another', async () => {
    const results = await Promise.all([run('sleep 0.3; echo a'), run('echo b')]);
    expect(results.map((result) => result.output)).toEqual(['a\n', 'b\n']);
  });

  it('interrupts on abort and rejects with the reason', async () => {
    const controller = new AbortController();
    const running = fixture.tmux.run('main', 'sleep 100', { timeoutMs, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled')), 200);
    await expect(running).rejects.toThrow('cancelled');
    expect((await run('echo after')).output).toBe('after\n');
  }, 30_000);
});

/** Polls for up to 2 s until process `pid` no longer exists (a killed job is reaped async). */
async function processGone(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 40; attempt++) {
    if (!existsSync(`/proc/${pid}`)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
