import { ApiCallError } from '@agentrt/client';
import { CliError, ExitCode, UsageError, exitCodeOf } from './exit-codes';

const apiError = (status: number | undefined) =>
  new ApiCallError('GET', 'http://127.0.0.1:1/x', status, undefined, 'failed');

describe('exit codes', () => {
  it.each([
    [400, 3],
    [409, 3],
    [422, 3],
    [429, 3],
    [401, 5],
    [403, 5],
    [404, 4],
    [500, 6],
    [503, 6],
    [undefined, 6],
  ])('maps an answer of %p to exit %p', (status, code) => {
    expect(exitCodeOf(apiError(status))).toBe(code);
  });

  it('keeps the code a command chose, and makes anything else a failed operation', () => {
    expect(exitCodeOf(new UsageError('bad flag'))).toBe(ExitCode.Usage);
    expect(exitCodeOf(new CliError('gone', ExitCode.NotFound))).toBe(4);
    expect(exitCodeOf(new Error('the agent was still running after 10 ms'))).toBe(1);
  });
});
