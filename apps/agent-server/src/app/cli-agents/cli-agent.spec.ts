import { cliAgentArgv } from './cli-agent-program';
import { lastLines } from './cli-agent';

describe('CLI agent helpers', () => {
  it('runs a command line as the one argument of bash -c and an argv as given', () => {
    expect(cliAgentArgv('claude --continue; rm -rf /')).toEqual([
      '/bin/bash',
      '-c',
      'claude --continue; rm -rf /',
    ]);
    expect(cliAgentArgv(['aider', '--model', '$(x)'])).toEqual(['aider', '--model', '$(x)']);
  });

  it('answers the last lines of a capture without the blank rows below the output', () => {
    expect(lastLines('a\nb\nc\n\n   \n\n', 2)).toBe('b\nc');
    expect(lastLines('a\n  b\n', 10)).toBe('a\n  b');
    expect(lastLines('\n\n', 5)).toBe('');
  });
});
