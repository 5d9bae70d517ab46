import { parseSessionList } from './pane-io';

describe('parseSessionList', () => {
  it('reads name, creation time and whether anyone is attached', () => {
    expect(parseSessionList('a\t1700000000\t0\nb\t1700000001\t2\n')).toEqual([
      { name: 'a', createdAt: new Date(1_700_000_000_000), attached: false },
      { name: 'b', createdAt: new Date(1_700_000_001_000), attached: true },
    ]);
  });
});
