import type { BuildRecord } from '@agentrt/build-state';
import type { BuildStatusResponse } from '@agentrt/contracts';

/** A record as `GET /build_status` shows it: the OpenHands fields plus our extensions. */
export function buildView(record: BuildRecord): BuildStatusResponse {
  const common = {
    build_id: record.id,
    ...optional('image_digest', record.imageDigest),
    ...optional('image_size_bytes', record.imageSizeBytes),
    ...(record.cachedFrom ? { cached: true } : {}),
    created_at: record.createdAt,
    ...optional('started_at', record.startedAt),
    ...optional('finished_at', record.finishedAt),
  };
  if (record.status === 'SUCCESS') {
    return { ...common, status: 'SUCCESS', image: record.image ?? '' };
  }
  // A retried build's note about its last attempt is no failure (yet): only finished ones say why.
  const inProgress = record.status === 'QUEUED' || record.status === 'WORKING';
  return {
    ...common,
    ...(inProgress ? {} : optional('error', record.error)),
    status: record.status,
    ...optional('image', record.image),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
