import { cellOutcome } from './code-cell-observation';

const report = { code: 'x', timedOut: false, timeoutSeconds: 5, fresh: false, outputLimit: 100 };

describe('cellOutcome', () => {
  it('counts output the driver never read back as truncated', () => {
    const result = {
      output: `${'x'.repeat(100)}${'y'.repeat(100)}`,
      dropped: 1000,
      exception: null,
    };
    const { text } = cellOutcome({ ...report, result });
    const [, count] = /\[\.\.\. (\d+) characters truncated \.\.\.\]/.exec(text) ?? [];
    const shown = text.replace(/[^xy]/g, '').length;
    expect(Number(count)).toBe(1000 + 200 - shown);
  });

  it('says what was skipped when decoded output already fits the limit', () => {
    const result = { output: 'é'.repeat(50), dropped: 700, exception: null };
    expect(cellOutcome({ ...report, result }).text).toBe(
      `${'é'.repeat(50)}\n[... 700 more bytes of output not shown ...]`,
    );
  });

  it('says the state is lost when the interpreter died', () => {
    const outcome = cellOutcome({ ...report, exited: 'exited with code 1', timedOut: true });
    expect(outcome.observation).toMatchObject({ state_lost: true, timeout: true, exception: null });
    expect(outcome.text).toBe(
      '[The cell timed out after 5 seconds and was interrupted.]\n' +
        '[The Python interpreter exited with code 1. Its state (variables, imports, definitions) is lost; the next cell starts a new interpreter.]',
    );
  });
});
