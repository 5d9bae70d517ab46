import { redactingSink } from '../redact';
import { BuildProgress, formatElapsed } from './progress';

function sink(isTTY: boolean, columns = 60) {
  const sink = { text: '', isTTY, columns, write: (chunk: string) => (sink.text += chunk) };
  return sink;
}

describe('build progress', () => {
  it('prints plain lines off a terminal: status changes once each, every log line', () => {
    let now = 1_000;
    const out = sink(false);
    const progress = new BuildProgress(out, () => now);
    progress.setStatus('QUEUED');
    now += 65_000;
    progress.setStatus('QUEUED');
    progress.setStatus('WORKING');
    progress.logLine('Step 1/3 : FROM node');
    progress.finish('SUCCESS img:tag');
    expect(out.text).toBe(
      [
        '[agent-server-build] 00:00 QUEUED',
        '[agent-server-build] 01:05 WORKING',
        '[agent-server-build] 01:05 | Step 1/3 : FROM node',
        '[agent-server-build] 01:05 SUCCESS img:tag',
        '',
      ].join('\n'),
    );
  });

  it('redraws one line on a terminal, the last log line cut to the width', () => {
    const out = sink(true, 60);
    const progress = new BuildProgress(out, () => 0);
    progress.setStatus('WORKING');
    progress.logLine(`Step 2/3 : RUN ${'x'.repeat(100)}`);
    const frames = out.text.split('\r\x1b[2K').filter(Boolean);
    const last = frames.at(-1) ?? '';
    expect(last).toMatch(/^\[agent-server-build\] . 00:00 WORKING {2}\| Step 2\/3 : RUN x+…$/);
    expect(last.length).toBeLessThanOrEqual(60);
    expect(out.text).not.toContain('\n');
    progress.finish('FAILURE: broken');
    expect(out.text.endsWith('\r\x1b[2K[agent-server-build] 00:00 FAILURE: broken\n')).toBe(true);
  });

  it('formats minutes past the hour', () => {
    expect(formatElapsed(3_725_000)).toBe('62:05');
  });

  it('never lets the API key through, whoever prints it', () => {
    const out = sink(false);
    redactingSink(out, 'sekrit').write('detail: bad key sekrit, sekrit again\n');
    expect(out.text).toBe('detail: bad key ***, *** again\n');
  });
});
