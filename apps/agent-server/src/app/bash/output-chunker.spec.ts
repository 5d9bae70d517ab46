import { OutputChunker } from './output-chunker';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('OutputChunker', () => {
  it('holds output back until a piece is full or flushed', () => {
    const chunker = new OutputChunker(8);
    expect(chunker.push(bytes('hello'))).toEqual([]);
    expect(chunker.flush()).toBe('hello');
    expect(chunker.flush()).toBeUndefined();
  });

  it('cuts long output into pieces of at most the limit, in order and complete', () => {
    const chunker = new OutputChunker(8);
    const text = 'abcdefghijklmnopqrstuvwxyz';
    const pieces = [
      ...chunker.push(bytes(text.slice(0, 10))),
      ...chunker.push(bytes(text.slice(10))),
    ];
    expect(pieces).toEqual(['abcdefgh', 'ijklmnop', 'qrstuvwx']);
    expect(chunker.end()).toEqual(['yz']);
  });

  it('never splits a multi-byte character, even when its bytes arrive apart', () => {
    const chunker = new OutputChunker(5);
    const euro = bytes('€'); // 3 bytes
    const pieces = [
      ...chunker.push(bytes('abc')),
      ...chunker.push(euro.subarray(0, 1)),
      ...chunker.push(Buffer.concat([euro.subarray(1), bytes('de')])),
    ];
    expect(pieces).toEqual(['abc', '€de']);
    expect(chunker.end()).toEqual([]);
    for (const piece of pieces) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(5);
  });

  it('measures invalid bytes as the replacement characters that are sent', () => {
    const chunker = new OutputChunker(4);
    const pieces = chunker.push(Buffer.from([0xff, 0xff]));
    expect([...pieces, ...chunker.end()]).toEqual(['\ufffd', '\ufffd']);
  });

  it('ends a stream cut inside a character with a replacement character', () => {
    const chunker = new OutputChunker(8);
    chunker.push(bytes('ok').subarray(0, 2));
    chunker.push(bytes('€').subarray(0, 2));
    expect(chunker.end()).toEqual(['ok\ufffd']);
  });

  it('handles a megabyte-sized limit with many small writes', () => {
    const chunker = new OutputChunker();
    const line = bytes(`${'x'.repeat(1023)}\n`);
    const pieces: string[] = [];
    for (let i = 0; i < 3 * 1024 + 5; i += 1) pieces.push(...chunker.push(line));
    pieces.push(...chunker.end());
    expect(pieces.map((piece) => Buffer.byteLength(piece))).toEqual([
      1024 * 1024,
      1024 * 1024,
      1024 * 1024,
      5 * 1024,
    ]);
  });

  it('refuses a limit too small for one character', () => {
    expect(() => new OutputChunker(3)).toThrow(RangeError);
  });
});
