import { hashApiKey, matchesKeyHash } from './key-hash';

describe('API key hashes', () => {
  it('hashes with sha256 hex', () => {
    expect(hashApiKey('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('accepts a key whose hash is configured and refuses others', () => {
    const hashes = [hashApiKey('first'), hashApiKey('second')];
    expect(matchesKeyHash('second', hashes)).toBe(true);
    expect(matchesKeyHash('third', hashes)).toBe(false);
    expect(matchesKeyHash('', hashes)).toBe(false);
  });

  it('refuses everything when the configured hashes are malformed', () => {
    expect(matchesKeyHash('first', ['not-hex'])).toBe(false);
  });
});
