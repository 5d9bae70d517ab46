import { combineOutputs, OutputSequence } from './bash-output-events';

const commandId = '8b9c0d1e-2f3a-4b4c-9d5e-f6a7b8c9d0e1';

describe('OutputSequence', () => {
  it('numbers outputs from 0 and stamps them with the clock', () => {
    const outputs = new OutputSequence(commandId, () => Date.UTC(2025, 5, 1, 12));
    const first = outputs.next({ stdout: 'a' });
    const last = outputs.next({ stderr: 'b', exitCode: 2 });
    expect(first).toMatchObject({ order: 0, exit_code: null, stdout: 'a', stderr: null });
    expect(last).toMatchObject({ order: 1, exit_code: 2, stdout: null, stderr: 'b' });
    expect(first.timestamp).toBe('2025-06-01T12:00:00.000Z');
    expect(first.id).not.toBe(last.id);
  });
});

describe('combineOutputs', () => {
  const outputs = new OutputSequence(commandId, () => 0);

  it('joins every chunk up to the last, per stream, keeping the last one identity', () => {
    const one = outputs.next({ stdout: 'one ' });
    const warn = outputs.next({ stderr: 'warn ' });
    const two = outputs.next({ stdout: 'two' });
    const last = outputs.next({ stderr: 'done', exitCode: 0 });
    const combined = combineOutputs([two, one, warn, last], last);
    expect(combined).toEqual({ ...last, stdout: 'one two', stderr: 'warn done' });
  });

  it('keeps null for a stream that printed nothing', () => {
    const last = new OutputSequence(commandId, () => 0).next({ exitCode: 0 });
    expect(combineOutputs([last], last)).toMatchObject({ stdout: null, stderr: null });
  });
});
