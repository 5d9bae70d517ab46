import { demuxDockerStream, demuxToText } from './log-demux';

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header.writeUInt8(stream, 0);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('demuxDockerStream', () => {
  const buffer = Buffer.concat([frame(1, 'a\n'), frame(2, 'oops\n'), frame(1, 'b\n')]);

  it('separates stdout from stderr', () => {
    expect(demuxDockerStream(buffer)).toEqual({ stdout: 'a\nb\n', stderr: 'oops\n' });
  });

  it('interleaves both streams in order for logs', () => {
    expect(demuxToText(buffer)).toBe('a\noops\nb\n');
  });

  it('ignores a truncated trailing header', () => {
    expect(demuxToText(Buffer.concat([frame(1, 'x'), Buffer.from([1, 0, 0])]))).toBe('x');
  });

  it('reads an empty stream as empty output', () => {
    expect(demuxDockerStream(Buffer.alloc(0))).toEqual({ stdout: '', stderr: '' });
  });
});
