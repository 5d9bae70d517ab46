import { join } from 'node:path';
import { InvalidDigestError } from './errors';

/** `sha256:` + 64 lowercase hex digits; e.g. `sha256:e3b0c442...b855`. */
export type Digest = `sha256:${string}`;

// Lowercase only: one spelling per blob, so the same content never maps to two paths.
const DIGEST_PATTERN = /^sha256:([0-9a-f]{64})$/;

export function isDigest(value: string): value is Digest {
  return DIGEST_PATTERN.test(value);
}

/** Returns the hex part of a valid digest, or throws InvalidDigestError. */
export function digestHex(digest: string): string {
  const hex = DIGEST_PATTERN.exec(digest)?.[1];
  if (hex === undefined) throw new InvalidDigestError(digest);
  return hex;
}

/** `<root>/sha256/<ab>/<hex>`: built only from validated hex, so it cannot leave the root. */
export function blobPath(root: string, digest: string): string {
  const hex = digestHex(digest);
  return join(root, 'sha256', hex.slice(0, 2), hex);
}
