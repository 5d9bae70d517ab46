/** stdout and stderr of a non-TTY container, separated. */
export interface DemuxedOutput {
  stdout: string;
  stderr: string;
}

interface Frame {
  stream: 'stdout' | 'stderr';
  payload: Buffer;
}

const HEADER_BYTES = 8;

/**
 * Reads Docker's multiplexed stream format (8-byte header: stream type, 3 zero bytes, big-endian
 * payload length). Stops at a truncated frame rather than reading garbage.
 */
function frames(buffer: Buffer): Frame[] {
  const result: Frame[] = [];
  let offset = 0;
  while (offset + HEADER_BYTES <= buffer.length) {
    const stream = buffer.readUInt8(offset) === 2 ? 'stderr' : 'stdout';
    const length = buffer.readUInt32BE(offset + 4);
    const start = offset + HEADER_BYTES;
    result.push({ stream, payload: buffer.subarray(start, start + length) });
    offset = start + length;
  }
  return result;
}

/** Splits a multiplexed buffer into stdout and stderr. */
export function demuxDockerStream(buffer: Buffer): DemuxedOutput {
  const all = frames(buffer);
  const text = (stream: Frame['stream']): string =>
    Buffer.concat(all.filter((f) => f.stream === stream).map((f) => f.payload)).toString('utf8');
  return { stdout: text('stdout'), stderr: text('stderr') };
}

/** Both streams interleaved in order, as a person reading logs expects. */
export function demuxToText(buffer: Buffer): string {
  return Buffer.concat(frames(buffer).map((f) => f.payload)).toString('utf8');
}
