import { BuildProgress } from './build-progress';
import { formatElapsed } from './text-sink';
import { UploadProgress } from './upload-progress';

function sink(isTTY: boolean, columns = 60) {
  const sink = { text: '', isTTY, columns, write: (chunk: string) => (sink.text += chunk) };
  return sink;
}

describe('build progress', () => {
  it('prints plain lines off a terminal: status changes once each, every log line', () => {
    let now = 1_000;
    const out = sink(false);
    const progress = new BuildProgress(out, { prefix: '[b]', now: () => now });
    const { onStatus, onLogLine } = progress.handlers;
    onStatus?.('QUEUED', { status: 'QUEUED' });
    now += 65_000;
    onStatus?.('QUEUED', { status: 'QUEUED' });
    onStatus?.('WORKING', { status: 'WORKING' });
    onLogLine?.('Step 1/3 : FROM node');
    progress.finish('SUCCESS img:tag');
    expect(out.text).toBe(
      [
        '[b] 00:00 QUEUED',
        '[b] 01:05 WORKING',
        '[b] 01:05 | Step 1/3 : FROM node',
        '[b] 01:05 SUCCESS img:tag',
        '',
      ].join('\n'),
    );
  });

  it('shows a build whose log has started as WORKING, even when no poll saw that status', () => {
    const out = sink(false);
    const progress = new BuildProgress(out, { prefix: '[b]', now: () => 0 });
    const { onStatus, onLogLine } = progress.handlers;
    onStatus?.('QUEUED', { status: 'QUEUED' });
    onLogLine?.('Step 1/1 : FROM node');
    onStatus?.('WORKING', { status: 'WORKING' });
    progress.finish('SUCCESS img:tag');
    expect(out.text).toBe(
      [
        '[b] 00:00 QUEUED',
        '[b] 00:00 WORKING',
        '[b] 00:00 | Step 1/1 : FROM node',
        '[b] 00:00 SUCCESS img:tag',
        '',
      ].join('\n'),
    );
  });

  it('redraws one line on a terminal, the last log line cut to the width', () => {
    const out = sink(true, 60);
    const progress = new BuildProgress(out, { now: () => 0 });
    progress.setStatus('WORKING');
    progress.logLine(`Step 2/3 : RUN ${'x'.repeat(100)}`);
    const last = out.text.split('\r\x1b[2K').filter(Boolean).at(-1) ?? '';
    expect(last).toMatch(/^\[build\] . 00:00 WORKING {2}\| Step 2\/3 : RUN x+…$/);
    expect(last.length).toBeLessThanOrEqual(60);
    expect(out.text).not.toContain('\n');
    progress.finish('FAILURE: broken');
    expect(out.text.endsWith('\r\x1b[2K[build] 00:00 FAILURE: broken\n')).toBe(true);
  });

  it('formats minutes past the hour', () => {
    expect(formatElapsed(3_725_000)).toBe('62:05');
  });
});

describe('upload progress', () => {
  const MiB = 1024 * 1024;

  it('prints a line at every 10 % step off a terminal', () => {
    const out = sink(false);
    const progress = new UploadProgress(out, '[up]');
    for (let sent = 0; sent <= 10 * MiB; sent += MiB / 4) progress.update(sent, 10 * MiB);
    const lines = out.text.trim().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('[up] uploading 0% 0.0/10.0 MiB');
    expect(lines[5]).toBe('[up] uploading 50% 5.0/10.0 MiB');
    expect(lines[10]).toBe('[up] uploading 100% 10.0/10.0 MiB');
  });

  it('redraws a bar in place on a terminal', () => {
    const out = sink(true);
    const progress = new UploadProgress(out, '[up]');
    progress.update(MiB, 4 * MiB);
    progress.update(MiB, 4 * MiB); // same percentage: nothing redrawn
    progress.update(4 * MiB, 4 * MiB);
    progress.finish('uploaded');
    expect(out.text).toBe(
      [
        `\r\x1b[2K[up] uploading [${'#'.repeat(6)}${'.'.repeat(18)}]  25% 1.0/4.0 MiB`,
        `\r\x1b[2K[up] uploading [${'#'.repeat(24)}] 100% 4.0/4.0 MiB`,
        '\r\x1b[2K[up] uploaded\n',
      ].join(''),
    );
  });
});
