import { SecretMasker } from './secret-masker';

describe('SecretMasker', () => {
  it('hides every occurrence, however nested, leaving other values alone', () => {
    const masker = new SecretMasker(['s3cret', undefined, null, '', 'x']);
    expect(
      masker.mask({ a: 'x s3cret y s3cret', b: [{ c: 's3cret' }], n: 1, t: true, z: null }),
    ).toEqual({
      a: 'x <secret-hidden> y <secret-hidden>',
      b: [{ c: '<secret-hidden>' }],
      n: 1,
      t: true,
      z: null,
    });
  });

  it('hides a longer secret whole even when it contains a shorter one', () => {
    const masker = new SecretMasker(['abc', 'abcdef']);
    expect(masker.mask('key=abcdef')).toBe('key=<secret-hidden>');
  });
});
