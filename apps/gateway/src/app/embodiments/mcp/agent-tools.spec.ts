import type { RunRecord } from '@agentrt/gateway-state';
import { toolInputOf, toolResultOf } from './agent-tools';

const run = (fields: Partial<RunRecord>): RunRecord =>
  ({ run_id: 'run-1', timeout_seconds: 30, ...fields }) as RunRecord;

describe('agent tool results', () => {
  it('returns the answer as text, or isError with the reason the run gave', () => {
    expect(toolResultOf(run({ status: 'succeeded', output: 'Done.' }))).toEqual({
      content: [{ type: 'text', text: 'Done.' }],
    });
    expect(toolResultOf(run({ status: 'failed', error: 'LLM unreachable' }))).toEqual({
      isError: true,
      content: [{ type: 'text', text: 'the agent run failed: LLM unreachable (run run-1)' }],
    });
    expect(toolResultOf(run({ status: 'timed_out' })).content).toEqual([
      { type: 'text', text: 'the agent did not finish within 30 s (run run-1)' },
    ]);
  });

  it('accepts only a non-empty string input', () => {
    expect(toolInputOf({ input: 'hi' })).toBe('hi');
    expect(toolInputOf({ input: '  ' })).toBeUndefined();
    expect(toolInputOf({ input: 3 })).toBeUndefined();
    expect(toolInputOf(undefined)).toBeUndefined();
  });
});
