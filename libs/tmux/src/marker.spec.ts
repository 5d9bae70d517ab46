import { CommandMarker, MarkerScanner } from './marker';

const line = (token: string, seq: number, rc: number, cwd: string) =>
  `\r\n__AGENTRT_${token}_${seq}__:${rc}:${cwd}\r\n`;

describe('MarkerScanner', () => {
  const token = new CommandMarker().token;

  it('finds a marker split across chunks and reports where the output ends', () => {
    const scanner = new MarkerScanner(token);
    const stream = Buffer.from(`héllo${line(token, 0, 7, '/tmp/dir')}`);
    for (let at = 0; at < stream.length; at += 3) scanner.feed(stream.subarray(at, at + 3));
    expect(scanner.first()).toEqual({
      seq: 0,
      exitCode: 7,
      cwd: '/tmp/dir',
      start: Buffer.byteLength('héllo'),
    });
  });

  it('ignores markers with another token and waits for the line to end', () => {
    const scanner = new MarkerScanner(token);
    scanner.feed(Buffer.from(line('0'.repeat(24), 0, 0, '/') + `\n__AGENTRT_${token}_1__:0:/x`));
    expect(scanner.first()).toBeUndefined();
    scanner.feed(Buffer.from('\r\n'));
    expect(scanner.has(1)).toBe(true);
    expect(scanner.has(0)).toBe(false);
  });

  it('decodes a UTF-8 working directory', () => {
    const scanner = new MarkerScanner(token);
    scanner.feed(Buffer.from(line(token, 0, 0, '/tmp/ünï')));
    expect(scanner.first()?.cwd).toBe('/tmp/ünï');
  });

  it('keeps offsets right after long output', () => {
    const scanner = new MarkerScanner(token);
    const big = Buffer.alloc(100_000, 'x');
    scanner.feed(big);
    scanner.feed(Buffer.from(line(token, 0, 0, '/')));
    expect(scanner.first()?.start).toBe(100_000);
  });
});

describe('CommandMarker', () => {
  it('prints the status of what ran before it, not of its own steps', () => {
    const trailer = new CommandMarker('abc').trailer(2);
    expect(trailer.startsWith('__agentrt_rc=$?;')).toBe(true);
    expect(trailer).toContain('\'\\n__AGENTRT_abc_2__:%s:%s\\n\' "$__agentrt_rc" "$PWD"');
    expect(trailer.endsWith(';')).toBe(false);
  });
});
