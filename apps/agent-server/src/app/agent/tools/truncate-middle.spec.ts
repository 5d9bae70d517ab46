import { truncateMiddle } from './truncate-middle';

describe('truncateMiddle', () => {
  it('leaves text within the limit alone', () => {
    expect(truncateMiddle('short', 5)).toBe('short');
  });

  it('keeps head and tail, within the limit, and counts what it dropped', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const result = truncateMiddle(text, 300);
    expect(result.length).toBeLessThanOrEqual(300);
    expect(result.startsWith('line 0\nline 1\n')).toBe(true);
    expect(result.endsWith('line 998\nline 999')).toBe(true);
    const [, dropped] = /\[\.\.\. (\d+) characters truncated \.\.\.\]/.exec(result) ?? [];
    const kept = result.replace(/\[\.\.\. \d+ characters truncated \.\.\.\]\n/, '');
    expect(Number(dropped)).toBe(text.length - kept.length);
  });

  it('cuts whole lines when a line end is near', () => {
    const result = truncateMiddle(`${'a'.repeat(40)}\n${'b'.repeat(200)}\n${'c'.repeat(40)}`, 148);
    expect(result).toBe(`${'a'.repeat(40)}\n[... 201 characters truncated ...]\n${'c'.repeat(40)}`);
  });

  it('cuts mid-line when output has no line ends', () => {
    const result = truncateMiddle('x'.repeat(1000), 100);
    expect(result).toBe(`${'x'.repeat(26)}\n[... 948 characters truncated ...]\n${'x'.repeat(26)}`);
  });
});
