/** Limits and the Dockerfile location for one inspection; every field is optional. */
export interface BuildContextOptions {
  /** Path of the Dockerfile inside the context (default `Dockerfile` at the root). */
  dockerfile?: string;
  /** Refuse uploads larger than this many compressed bytes (default 256 MiB). */
  maxCompressedBytes?: number;
  /** Refuse contexts whose tar stream expands past this many bytes (default 1 GiB). */
  maxExpandedBytes?: number;
  /** Refuse archives with more entries than this (default 100 000). */
  maxEntries?: number;
  /** Refuse expanded/compressed ratios above this once past 1 MiB expanded (default 100). */
  maxRatio?: number;
}

export type ResolvedLimits = Required<BuildContextOptions>;

const MIB = 1024 * 1024;

/**
 * Small tars are mostly zero padding, so their ratio is high and meaningless; the ratio limit
 * only applies once this much has been expanded.
 */
export const RATIO_FLOOR_BYTES = MIB;

export function resolveLimits(options: BuildContextOptions = {}): ResolvedLimits {
  return {
    dockerfile: options.dockerfile ?? 'Dockerfile',
    maxCompressedBytes: options.maxCompressedBytes ?? 256 * MIB,
    maxExpandedBytes: options.maxExpandedBytes ?? 1024 * MIB,
    maxEntries: options.maxEntries ?? 100_000,
    maxRatio: options.maxRatio ?? 100,
  };
}
