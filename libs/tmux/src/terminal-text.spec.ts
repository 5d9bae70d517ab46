import { cleanTerminalOutput } from './terminal-text';

describe('cleanTerminalOutput', () => {
  it('removes colours, cursor moves and titles', () => {
    expect(cleanTerminalOutput('\x1b[1;31mred\x1b[0m \x1b[2K\x1b[10Ggo\x1b]0;title\x07!')).toBe(
      'red go!',
    );
  });

  it('turns CRLF into LF and keeps the last rewrite of a progress line', () => {
    expect(cleanTerminalOutput('a\r\n10%\r50%\r100%\r\nb\r\n')).toBe('a\n100%\nb\n');
  });

  it('drops other control bytes but keeps tabs', () => {
    expect(cleanTerminalOutput('x\ty\x07\x00z')).toBe('x\tyz');
  });
});
