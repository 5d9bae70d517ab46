import { createHash, timingSafeEqual } from 'node:crypto';

/** Keys are stored as sha256 hex; a leaked config file does not leak a usable key. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Constant-time check of a presented key against the configured hashes. */
export function matchesKeyHash(presented: string, hashes: readonly string[]): boolean {
  const candidate = Buffer.from(hashApiKey(presented), 'hex');
  let matched = false;
  for (const hash of hashes) {
    const expected = Buffer.from(hash, 'hex');
    if (expected.length === candidate.length && timingSafeEqual(expected, candidate))
      matched = true;
  }
  return matched;
}
