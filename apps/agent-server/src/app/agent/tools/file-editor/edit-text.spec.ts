import { insertAfter, replaceOnce } from './edit-text';

describe('replaceOnce', () => {
  it('replaces the one occurrence and says where the new text starts', () => {
    expect(replaceOnce('a\nb\nc\n', 'b', 'B1\nB2', '/f')).toEqual({
      text: 'a\nB1\nB2\nc\n',
      firstLine: 2,
      lineCount: 2,
    });
  });

  it('refuses empty, unchanged, missing and repeated old_str', () => {
    expect(() => replaceOnce('a', '', 'x', '/f')).toThrow('must not be empty');
    expect(() => replaceOnce('a', 'a', 'a', '/f')).toThrow('are the same');
    expect(() => replaceOnce('a', 'b', 'c', '/f')).toThrow('did not appear verbatim in /f');
    expect(() => replaceOnce('aa\na', 'a', 'c', '/f')).toThrow('occurs 3 times, in lines 1, 1, 2');
  });
});

describe('insertAfter', () => {
  it('keeps whether the file ended with a newline', () => {
    expect(insertAfter('a\nb', 2, 'c').text).toBe('a\nb\nc');
    expect(insertAfter('a\nb\n', 1, 'x\ny').text).toBe('a\nx\ny\nb\n');
    expect(insertAfter('', 0, 'first').text).toBe('first\n');
  });

  it('refuses a line past the end', () => {
    expect(() => insertAfter('a\n', 2, 'x')).toThrow('[0, 1]');
  });
});
