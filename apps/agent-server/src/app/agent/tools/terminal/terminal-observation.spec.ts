import type { TmuxRunResult } from '@agentrt/tmux';
import { terminalOutcome } from './terminal-observation';

const result = (overrides: Partial<TmuxRunResult>): TmuxRunResult => ({
  output: 'out\n',
  exitCode: 0,
  timedOut: false,
  cwd: '/w',
  shellExited: false,
  ...overrides,
});

describe('terminalOutcome', () => {
  it('reports a timeout as exit code -1 with a note, as OpenHands does', () => {
    const outcome = terminalOutcome('sleep 9', result({ timedOut: true, exitCode: 130 }), 5, 100);
    expect(outcome.observation).toMatchObject({
      exit_code: -1,
      timeout: true,
      metadata: { exit_code: -1 },
    });
    expect(outcome.text).toBe(
      'out\n[The command timed out after 5 seconds: it got Ctrl-C and the processes it started were killed.]\n' +
        '[Current working directory: /w]\n[Command finished with exit code -1]',
    );
  });

  it('says when the shell exited, and truncates output to the limit', () => {
    const outcome = terminalOutcome(
      'x',
      result({ output: 'y'.repeat(500), shellExited: true }),
      5,
      100,
    );
    expect(outcome.text).toMatch(
      /^y+\n\[\.\.\. \d+ characters truncated \.\.\.\]\ny+\n\[The shell exited/,
    );
  });

  it('shows no blank line for a command without output', () => {
    expect(terminalOutcome('true', result({ output: '' }), 5, 100).text).toBe(
      '[Current working directory: /w]\n[Command finished with exit code 0]',
    );
  });
});
