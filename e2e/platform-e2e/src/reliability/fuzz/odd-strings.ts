/** Strings that break a pattern: empty, NUL, traversal, non-ASCII, whitespace, huge. */
export const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '../../etc/passwd',
  'ä€😀',
  'with space',
  'line\nbreak',
  '%2e%2e%2f',
  '\u202e',
  '-',
  'UPPER',
  'x'.repeat(10_000),
];
