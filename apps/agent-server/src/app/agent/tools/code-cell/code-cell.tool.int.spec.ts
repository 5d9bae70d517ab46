import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@agentrt/testing';
import { AgentServerConfigSchema } from '../../../config/agent-server.config';
import type { ToolContext } from '../agent-tool';
import type { CodeCellArgs } from './code-cell-args';
import { CodeCellSessions } from './code-cell-sessions';
import { CodeCellTool } from './code-cell.tool';

const config = AgentServerConfigSchema.parse({
  TERMINAL_OUTPUT_LIMIT: '400',
  CODE_CELL_TIMEOUT_SECONDS: '20',
  TERMINAL_MAX_TIMEOUT_SECONDS: '30',
});

/** True once the process is gone (or a zombie nobody reaped: it runs nothing any more). */
async function gone(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat === undefined || / Z /.test(stat);
}

describe('CodeCellTool (real python3)', () => {
  let dir: string;
  let sessions: CodeCellSessions;
  let tool: CodeCellTool;
  let context: ToolContext;
  const cell = (args: CodeCellArgs) => tool.execute(args, context);
  const pidOf = async () => Number((await cell({ code: 'import os; os.getpid()' })).text);

  beforeEach(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'code-cell-')));
    sessions = new CodeCellSessions(config);
    tool = new CodeCellTool(sessions, config);
    context = {
      conversationId: randomUUID(),
      workingDir: join(dir, 'work'),
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: dir, API_KEY: 'sk-secret' },
      signal: new AbortController().signal,
    };
  });
  afterEach(async () => {
    await sessions.onApplicationShutdown();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps state between cells and shows the value of a last expression', async () => {
    const first = await cell({ code: 'import os\nx = 40\nprint(os.getcwd())' });
    expect(first).toEqual({
      observation: {
        kind: 'IPythonRunCellObservation',
        code: 'import os\nx = 40\nprint(os.getcwd())',
        exception: null,
        timeout: false,
        state_lost: false,
        new_interpreter: true,
      },
      text: join(dir, 'work'),
      isError: false,
    });
    const second = await cell({ code: 'x += 2\n{"answer": x, "key": os.environ["API_KEY"]}' });
    expect(second.text).toBe("{'answer': 42, 'key': 'sk-secret'}");
    expect(second.observation).toMatchObject({ new_interpreter: false });
    expect((await cell({ code: 'x = 1' })).text).toBe('[The cell printed nothing.]');
  });

  it('captures output of programs a cell starts, in order with its own', async () => {
    const { text } = await cell({
      code: 'import subprocess, sys\nprint("a")\nsubprocess.run(["echo", "b"])\nprint("c", file=sys.stderr)',
    });
    expect(text).toBe('a\nb\nc');
  });

  it('reports an exception with its traceback and keeps going', async () => {
    await cell({ code: 'def divide(n):\n    return n / 0' });
    const failed = await cell({ code: 'print("before")\ndivide(1)' });
    expect(failed.isError).toBe(false);
    expect(failed.observation).toMatchObject({ exception: 'ZeroDivisionError' });
    expect(failed.text).toMatch(/^before\nTraceback \(most recent call last\):\n/);
    expect(failed.text).toContain('in divide');
    expect(failed.text).toContain('ZeroDivisionError: division by zero');
    expect(failed.text).not.toContain('run_cell');
    const syntax = await cell({ code: 'def (' });
    expect(syntax.observation).toMatchObject({ exception: 'SyntaxError' });
    expect(syntax.text).not.toContain('Traceback');
    expect((await cell({ code: 'divide(4.0) if False else "alive"' })).text).toBe("'alive'");
  });

  it('interrupts a cell past its timeout, keeping the interpreter', async () => {
    await cell({ code: 'kept = "yes"' });
    const slow = await cell({ code: 'import time\nprint("started")\ntime.sleep(60)', timeout: 1 });
    expect(slow.observation).toMatchObject({
      timeout: true,
      exception: 'KeyboardInterrupt',
      state_lost: false,
    });
    expect(slow.text).toMatch(/^started\n/);
    expect(slow.text).toContain('[The cell timed out after 1 seconds and was interrupted.]');
    expect((await cell({ code: 'kept' })).text).toBe("'yes'");
  }, 15_000);

  it('kills an interpreter that ignores the interrupt, says state was lost, and starts anew', async () => {
    await cell({ code: 'kept = "yes"' });
    const pid = await pidOf();
    const stubborn = await cell({
      code: 'import time\nwhile True:\n    try:\n        time.sleep(60)\n    except KeyboardInterrupt:\n        pass',
      timeout: 1,
    });
    expect(stubborn.observation).toMatchObject({ timeout: true, state_lost: true });
    expect(stubborn.text).toContain('was killed by SIGKILL');
    expect(stubborn.text).toContain('the next cell starts a new interpreter');
    expect(await gone(pid)).toBe(true);
    const after = await cell({ code: 'print("kept" in globals())' });
    expect(after).toMatchObject({ text: 'False', observation: { new_interpreter: true } });
  }, 20_000);

  it('restarts on demand, with or without code', async () => {
    await cell({ code: 'lost = 1' });
    const restarted = await cell({ code: '', restart: true });
    expect(restarted).toMatchObject({ isError: false, text: expect.stringContaining('restarted') });
    const next = await cell({ code: '"lost" in globals()', restart: true });
    expect(next.text).toMatch(/^\[The Python interpreter was restarted.*\]\nFalse$/);
  });

  it('keeps head and tail of long output within the limit, however long it is', async () => {
    const { text } = await cell({ code: 'for i in range(100000): print(i)' });
    expect(text).toMatch(/^0\n1\n2\n/);
    expect(text).toContain('99998\n99999');
    const dropped = Number(/\[\.\.\. (\d+) characters truncated \.\.\.\]/.exec(text)?.[1]);
    // Every character printed (588,889 without the last newline) is shown or counted as truncated.
    expect(dropped + text.length).toBeGreaterThan(588_889);
    expect(text.length).toBeLessThan(400 + 100);
  });

  it('passes environment changes to the running interpreter without touching its own', async () => {
    await cell({ code: 'import os\nos.environ["MINE"] = "kept"' });
    context = { ...context, env: { ...context.env, NEW_SECRET: 'fresh', API_KEY: 'rotated' } };
    const { text } = await cell({
      code: '[os.environ.get(n) for n in ("NEW_SECRET", "API_KEY", "MINE")]',
    });
    expect(text).toBe("['fresh', 'rotated', 'kept']");
  });

  it('kills the interpreter and the programs it started on release', async () => {
    const pid = await pidOf();
    const child = Number(
      (await cell({ code: 'import subprocess\nsubprocess.Popen(["sleep", "60"]).pid' })).text,
    );
    await tool.release(context.conversationId);
    await waitFor(async () => (await gone(pid)) && (await gone(child)), {
      description: 'the interpreter and its child to be gone',
    });
    expect((await cell({ code: '1 + 1' })).observation).toMatchObject({ new_interpreter: true });
  });

  it('answers with a clear error when python is not installed', async () => {
    const missing = AgentServerConfigSchema.parse({ CODE_CELL_PYTHON: 'python3-not-installed' });
    const without = new CodeCellTool(new CodeCellSessions(missing), missing);
    const outcome = await without.execute({ code: 'print(1)' }, context);
    expect(outcome).toMatchObject({
      isError: true,
      observation: { kind: 'IPythonRunCellObservation', code: 'print(1)' },
    });
    expect(outcome.text).toBe(
      'Python is not available in this runtime: `python3-not-installed` was not found. Use the terminal tool instead.',
    );
  });

  it('refuses an empty cell', async () => {
    expect(await cell({ code: '  ' })).toMatchObject({
      isError: true,
      text: expect.stringMatching(/empty/),
    });
  });
});
