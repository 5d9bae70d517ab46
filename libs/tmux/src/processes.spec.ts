import { parseStat } from './processes';

describe('parseStat', () => {
  it('reads pgid, sid and tpgid after a command name holding spaces and parentheses', () => {
    const stat = '4242 (my (weird) name) S 1 4240 4100 34816 4242 4194304 0 0';
    expect(parseStat(4242, stat)).toEqual({ pid: 4242, pgid: 4240, sid: 4100, tpgid: 4242 });
  });

  it('sees a zombie as gone: its reaper may take its time', () => {
    expect(parseStat(7, '7 (sh) Z 1 7 7 0 -1 4194308 0 0')).toBeUndefined();
  });

  it('rejects garbage', () => {
    expect(parseStat(1, 'nonsense')).toBeUndefined();
  });
});
