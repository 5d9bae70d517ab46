import { randomUUID } from 'node:crypto';
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolContext } from '../agent-tool';
import type { FileEditorArgs } from './file-editor-args';
import { FileEditorTool } from './file-editor.tool';

describe('FileEditorTool (real filesystem)', () => {
  let dir: string;
  let tool: FileEditorTool;
  let context: ToolContext;
  const edit = (args: FileEditorArgs) => tool.execute(args, context);
  const file = (name: string) => join(dir, name);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'file-editor-'));
    tool = new FileEditorTool();
    context = {
      conversationId: randomUUID(),
      workingDir: dir,
      env: {},
      signal: new AbortController().signal,
    };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates a file with its parent directories and reports it as new', async () => {
    const path = file('src/app.py');
    const outcome = await edit({ command: 'create', path, file_text: 'print(1)\n' });
    expect(outcome).toEqual({
      observation: {
        kind: 'FileEditorObservation',
        command: 'create',
        path,
        prev_exist: false,
        old_content: null,
        new_content: 'print(1)\n',
      },
      text: `File created successfully at: ${path}`,
      isError: false,
    });
    expect(await readFile(path, 'utf8')).toBe('print(1)\n');
  });

  it('refuses to overwrite with create', async () => {
    await writeFile(file('a.txt'), 'keep');
    const outcome = await edit({ command: 'create', path: file('a.txt'), file_text: 'lost' });
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toContain('File already exists');
    expect(await readFile(file('a.txt'), 'utf8')).toBe('keep');
  });

  it('views a file like cat -n, whole or a range', async () => {
    await writeFile(file('a.txt'), 'one\ntwo\nthree\n');
    expect((await edit({ command: 'view', path: file('a.txt') })).text).toBe(
      `Here's the result of running \`cat -n\` on ${file('a.txt')}:\n     1\tone\n     2\ttwo\n     3\tthree\n`,
    );
    expect(
      (await edit({ command: 'view', path: file('a.txt'), view_range: [2, -1] })).text,
    ).toContain('     2\ttwo\n     3\tthree\n');
    const beyond = await edit({ command: 'view', path: file('a.txt'), view_range: [3, 9] });
    expect(beyond.text).toMatch(/^NOTE: the file has only 3 lines/);
    expect((await edit({ command: 'view', path: file('a.txt'), view_range: [5, 6] })).isError).toBe(
      true,
    );
  });

  it('lists a directory two levels deep without hidden entries', async () => {
    await mkdir(file('src/deep/deeper'), { recursive: true });
    await writeFile(file('src/main.ts'), '');
    await writeFile(file('.env'), 'SECRET=1');
    await writeFile(file('README.md'), '');
    const { text, isError } = await edit({ command: 'view', path: dir });
    expect(isError).toBe(false);
    expect(text.split('\n').slice(1, 6)).toEqual([
      `${dir}/`,
      `${dir}/README.md`,
      `${dir}/src/`,
      `${dir}/src/deep/`,
      `${dir}/src/main.ts`,
    ]);
    expect(text).not.toContain('deeper');
    expect(text).toContain('1 hidden files/directories in this directory are excluded');
  });

  it('replaces exactly one occurrence and shows the edited snippet', async () => {
    await writeFile(file('a.py'), 'def f():\n    return 1\n');
    const outcome = await edit({
      command: 'str_replace',
      path: file('a.py'),
      old_str: 'return 1',
      new_str: 'return 2',
    });
    expect(outcome.isError).toBe(false);
    expect(outcome.text).toContain(`The file ${file('a.py')} has been edited.`);
    expect(outcome.text).toContain('     2\t    return 2');
    expect(outcome.observation).toMatchObject({
      old_content: 'def f():\n    return 1\n',
      new_content: 'def f():\n    return 2\n',
    });
  });

  it('says how many occurrences it found, and where, when not exactly one', async () => {
    await writeFile(file('a.txt'), 'x = 1\ny = 2\nx = 1\n');
    const several = await edit({
      command: 'str_replace',
      path: file('a.txt'),
      old_str: 'x = 1',
      new_str: 'x = 3',
    });
    expect(several).toMatchObject({ isError: true });
    expect(several.text).toContain('occurs 2 times, in lines 1, 3');
    const none = await edit({
      command: 'str_replace',
      path: file('a.txt'),
      old_str: 'z',
      new_str: 'w',
    });
    expect(none.text).toContain('did not appear verbatim');
    expect(await readFile(file('a.txt'), 'utf8')).toBe('x = 1\ny = 2\nx = 1\n');
  });

  it('inserts after a line, 0 meaning the top', async () => {
    await writeFile(file('a.txt'), 'a\nb\n');
    await edit({ command: 'insert', path: file('a.txt'), insert_line: 0, new_str: 'top' });
    await edit({ command: 'insert', path: file('a.txt'), insert_line: 3, new_str: 'end' });
    expect(await readFile(file('a.txt'), 'utf8')).toBe('top\na\nb\nend\n');
    const outside = await edit({
      command: 'insert',
      path: file('a.txt'),
      insert_line: 9,
      new_str: 'x',
    });
    expect(outside.text).toContain('[0, 4]');
  });

  it('undoes edits one by one, per conversation', async () => {
    await writeFile(file('a.txt'), 'v1\n');
    await edit({ command: 'str_replace', path: file('a.txt'), old_str: 'v1', new_str: 'v2' });
    await edit({ command: 'str_replace', path: file('a.txt'), old_str: 'v2', new_str: 'v3' });
    const other = { ...context, conversationId: randomUUID() };
    expect((await tool.execute({ command: 'undo_edit', path: file('a.txt') }, other)).isError).toBe(
      true,
    );
    await edit({ command: 'undo_edit', path: file('a.txt') });
    expect(await readFile(file('a.txt'), 'utf8')).toBe('v2\n');
    const last = await edit({ command: 'undo_edit', path: file('a.txt') });
    expect(last.observation).toMatchObject({ old_content: 'v2\n', new_content: 'v1\n' });
    const none = await edit({ command: 'undo_edit', path: file('a.txt') });
    expect(none).toMatchObject({
      isError: true,
      text: `No edit history found for ${file('a.txt')}.`,
    });
  });

  it('forgets a conversation history on release', async () => {
    await writeFile(file('a.txt'), 'v1\n');
    await edit({ command: 'str_replace', path: file('a.txt'), old_str: 'v1', new_str: 'v2' });
    await tool.release(context.conversationId);
    expect((await edit({ command: 'undo_edit', path: file('a.txt') })).isError).toBe(true);
  });

  it('answers bad requests with errors, never throws', async () => {
    await writeFile(file('a.txt'), 'x\n');
    await writeFile(file('bin'), Buffer.from([0, 1, 2]));
    const cases: [FileEditorArgs, string][] = [
      [
        { command: 'view', path: 'a.txt' },
        `absolute path, starting with \`/\`. Maybe you meant ${file('a.txt')}?`,
      ],
      [{ command: 'view', path: file('missing') }, 'does not exist'],
      [
        { command: 'str_replace', path: file('a.txt'), new_str: 'y' },
        'Parameter `old_str` is required',
      ],
      [{ command: 'str_replace', path: dir, old_str: 'x', new_str: 'y' }, 'is a directory'],
      [{ command: 'view', path: file('bin') }, 'binary or not UTF-8'],
      [{ command: 'view', path: dir, view_range: [1, 2] }, '`view_range` is not allowed'],
    ];
    for (const [args, message] of cases) {
      const outcome = await edit(args);
      expect(outcome).toMatchObject({ isError: true, text: expect.stringContaining(message) });
    }
  });

  it('writes through a symlink and keeps the file mode', async () => {
    await writeFile(file('real.sh'), 'echo 1\n');
    await chmod(file('real.sh'), 0o750);
    await symlink(file('real.sh'), file('link.sh'));
    await edit({ command: 'str_replace', path: file('link.sh'), old_str: '1', new_str: '2' });
    expect(await readFile(file('real.sh'), 'utf8')).toBe('echo 2\n');
    expect((await stat(file('real.sh'))).mode & 0o777).toBe(0o750);
    expect((await lstat(file('link.sh'))).isSymbolicLink()).toBe(true);
  });
});
