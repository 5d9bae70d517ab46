import { createHash, timingSafeEqual } from 'node:crypto';

/** Keys are stored as sha256 hex; a leaked config file does not leak a usable key. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Constant-time check of a presented key against the configured hashes. */
export function matchesKeyHash(presented: string, hashes: readonly string[]): boolean {
  return matchingKeyHash(presented, hashes) !== undefined;
}

/** The configured hash the presented key matches (compared in constant time), if any. */
export function matchingKeyHash(presented: string, hashes: readonly string[]): string | undefined {
  const candidate = Buffer.from(hashApiKey(presented), 'hex');
  let matched: string | undefined;
  for (const hash of hashes) {
    const expected = Buffer.from(hash, 'hex');
    if (expected.length === candidate.length && timingSafeEqual(expected, candidate))
      matched = hash;
  }
  return matched;
}

/**
 * A short, stable id of an API key for per-key limits and ownership: a prefix of its configured
 * hash, so neither the key nor its full hash shows in Redis or logs.
 */
export function apiKeyIdOf(hash: string): string {
  return hash.slice(0, 16);
}
