import { createHash } from 'node:crypto';
import type { BuildOptions } from './build-record';

/**
 * The cache key of a build: hex sha256 over a canonical JSON of the context digest and the
 * options. Object keys are sorted (the order a client sent build args in changes nothing) while
 * arrays keep their order (the first tag is the build's image, so tag order matters).
 */
export function cacheKeyOf(contextDigest: string, options: BuildOptions): string {
  const canonical = canonicalJson({ contextDigest, options });
  return createHash('sha256').update(canonical).digest('hex');
}

/** JSON with object keys sorted at every level and undefined members left out. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  }
  return sorted;
}
