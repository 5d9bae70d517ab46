import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertSessionName, sessionFiles, startupScript } from './session-files';
import { shellQuote } from './shell-quote';

describe('session files', () => {
  const files = sessionFiles('/state', 'conv-1');

  it('keeps each session in its own directory', () => {
    expect(files).toEqual({
      dir: '/state/conv-1',
      rc: '/state/conv-1/rc.sh',
      log: '/state/conv-1/output.log',
      script: '/state/conv-1/command.sh',
      exitStatus: '/state/conv-1/exit-status',
    });
  });

  it('accepts only names tmux cannot misread', () => {
    expect(() => assertSessionName('conv_1-A')).not.toThrow();
    for (const bad of ['', 'a:b', 'a.b', 'a b', 'x'.repeat(65)]) {
      expect(() => assertSessionName(bad)).toThrow(/invalid tmux session name/);
    }
  });

  it('exports values verbatim through a real shell, skipping names bash cannot export', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rc-spec-'));
    try {
      const real = sessionFiles(dir, 'x');
      const value = `it's "quoted" $HOME \`x\` \\ \n new line`;
      const env = { V: value, 'BAD-NAME': '1' };
      const script = startupScript({ name: 'x', cwd: '/', env }, real);
      expect(script).not.toContain('BAD-NAME');
      mkdirSync(real.dir);
      writeFileSync(real.rc, script);
      const printed = execFileSync('/bin/bash', ['-c', `source ${real.rc}; printf %s "$V"`]);
      expect(printed.toString()).toBe(value);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('execs a program session instead of configuring a shell', () => {
    const script = startupScript(
      { name: 'x', cwd: '/', command: ['claude', '--model', "o'k"] },
      files,
    );
    expect(script).toContain(`exec 'claude' '--model' ${shellQuote("o'k")}`);
    expect(script).not.toContain('PS1');
  });
});
