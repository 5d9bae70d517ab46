import { z } from 'zod';
import {
  commaSeparatedList,
  isoTimestamp,
  nullAsMissing,
  nullishDefault,
  queryBoolean,
} from './lenient-input';
import { rejectionOf } from './rejection.testing';

describe('queryBoolean', () => {
  const query = z.object({ follow: queryBoolean() });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['0', false],
    [true, true],
  ])('reads %p as %p', (raw, expected) => {
    expect(query.parse({ follow: raw }).follow).toBe(expected);
  });

  it('rejects other words instead of guessing', () => {
    expect(rejectionOf(query, { follow: 'yes' })).toBe('follow: expected true, false, 1 or 0');
  });
});

describe('commaSeparatedList', () => {
  const list = commaSeparatedList(z.array(z.string()));

  it('splits, trims and drops empty parts', () => {
    expect(list.parse(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
  });

  it('still rejects items of the wrong type', () => {
    expect(list.safeParse([1]).success).toBe(false);
  });
});

describe('nullAsMissing and nullishDefault', () => {
  const body = z.object({
    cwd: nullAsMissing(z.string()),
    secrets: nullishDefault(z.record(z.string(), z.string()), {}),
  });

  it('reads null as absent', () => {
    expect(body.parse({ cwd: null, secrets: null })).toEqual({ cwd: undefined, secrets: {} });
  });

  it('gives every parse its own copy of the default', () => {
    const first = body.parse({});
    first.secrets['LEAKED'] = 'x';
    expect(body.parse({}).secrets).toEqual({});
  });
});

describe('isoTimestamp', () => {
  it.each([
    '2025-06-01T12:00:00Z',
    '2025-06-01T12:00:00.123456+00:00',
    '2025-06-01T12:00:00.123456',
  ])('accepts %s', (value) => {
    expect(isoTimestamp().safeParse(value).success).toBe(true);
  });

  it('rejects a date without a time', () => {
    expect(isoTimestamp().safeParse('2025-06-01').success).toBe(false);
  });
});
