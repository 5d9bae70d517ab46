import { envChangeScript, sessionName } from './terminal-sessions';

describe('sessionName', () => {
  it('makes a tmux-safe name from a conversation id', () => {
    expect(sessionName('0f1e2d3c-aaaa-bbbb-cccc-123456789abc')).toBe(
      'conv-0f1e2d3c-aaaa-bbbb-cccc-123456789abc',
    );
    expect(sessionName('a.b:c')).toBe('conv-a_b_c');
  });
});

describe('envChangeScript', () => {
  it('exports new and changed values, unsets removed ones, skips the unexportable', () => {
    const script = envChangeScript(
      { SAME: '1', CHANGED: 'old', REMOVED: 'x' },
      { SAME: '1', CHANGED: "it's new", ADDED: 'a', 'NOT-VALID': 'z' },
    );
    expect(script.split('\n')).toEqual([
      `export CHANGED='it'\\''s new'`,
      `export ADDED='a'`,
      'unset REMOVED',
    ]);
  });

  it('is empty when nothing changed', () => {
    expect(envChangeScript({ A: '1' }, { A: '1' })).toBe('');
  });
});
