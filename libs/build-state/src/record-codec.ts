import { BuildStatusSchema, isTerminalBuildStatus } from '@agentrt/contracts';
import type { BuildRecord, CachedImage } from './build-record';

/**
 * Reads a stored record. Anything that is not JSON or lacks the fields every reader relies on
 * counts as missing: corrupt data must answer "unknown build", never a 500.
 */
export function parseRecord(json: string | null): BuildRecord | undefined {
  const value = parseObject(json);
  if (!value) return undefined;
  const { id, owner, status, options, createdAt } = value;
  const valid =
    typeof id === 'string' &&
    typeof owner === 'string' &&
    typeof createdAt === 'string' &&
    BuildStatusSchema.safeParse(status).success &&
    typeof options === 'object' &&
    options !== null;
  return valid ? (value as unknown as BuildRecord) : undefined;
}

/** Reads a stored cache entry; anything unusable is a cache miss. */
export function parseCached(json: string | null): CachedImage | undefined {
  const value = parseObject(json);
  if (!value) return undefined;
  const { buildId, image, imageDigest } = value;
  const valid =
    typeof buildId === 'string' && typeof image === 'string' && typeof imageDigest === 'string';
  return valid ? (value as unknown as CachedImage) : undefined;
}

function parseObject(json: string | null): Record<string, unknown> | undefined {
  if (json === null) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The EXPIRED form of a finished build whose result is older than the retention, or undefined
 * while it is still within it. The image fields go: the registry may already have dropped them.
 */
export function expiredView(
  record: BuildRecord,
  retentionSeconds: number,
  nowMs: number,
): BuildRecord | undefined {
  if (!isTerminalBuildStatus(record.status) || record.status === 'EXPIRED') return undefined;
  const finishedMs = Date.parse(record.finishedAt ?? '');
  // A finished record without a readable finishedAt cannot be aged; it expires with its key.
  if (Number.isNaN(finishedMs) || nowMs - finishedMs < retentionSeconds * 1000) return undefined;
  const expired: BuildRecord = {
    ...record,
    status: 'EXPIRED',
    error: `build result expired after ${retentionSeconds} s retention`,
  };
  delete expired.image;
  delete expired.imageDigest;
  delete expired.imageSizeBytes;
  return expired;
}
