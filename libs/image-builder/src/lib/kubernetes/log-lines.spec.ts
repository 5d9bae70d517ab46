import { LogLines } from './log-lines';

describe('LogLines', () => {
  it('hands over clean lines across chunk boundaries, even inside a character', async () => {
    const lines: string[] = [];
    const sink = new LogLines((line) => lines.push(line));
    const text = Buffer.from('Step 1 \u001b[1m✓\u001b[0m done\r\nprogress 10%\rprogress 90%\nlast');
    const split = text.indexOf(Buffer.from('✓')) + 1; // in the middle of the 3-byte character
    sink.write(text.subarray(0, split));
    sink.end(text.subarray(split));
    await sink.done;

    expect(lines).toEqual(['Step 1 ✓ done', 'progress 10%', 'progress 90%', 'last']);
  });

  it('keeps only the last 20 lines as a failure reason', async () => {
    const sink = new LogLines(() => undefined);
    sink.end(Array.from({ length: 25 }, (_, i) => `line ${i}`).join('\n'));
    await sink.done;

    expect(sink.lastLines).toHaveLength(20);
    expect(sink.lastLines[0]).toBe('line 5');
    expect(sink.lastLines[19]).toBe('line 24');
  });
});
