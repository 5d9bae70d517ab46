import type { BuildStatus } from '@agentrt/contracts';

/**
 * What is built for a build: everything that decides the resulting image. Two builds with the
 * same context digest and equal options are the same build (see {@link cacheKeyOf}).
 */
export interface BuildOptions {
  /** Full image references (`registry/repo:tag`) to push; the first is the build's `image`. */
  tags: string[];
  /** Dockerfile path inside the context (default `Dockerfile`). */
  dockerfile: string;
  /** Stage of a multi-stage Dockerfile to stop at. */
  target?: string;
  /** Build arguments sent by the client (never secrets: job data is readable by operators). */
  buildArgs: Record<string, string>;
}

/**
 * One build as stored in Redis. Timestamps are ISO-8601 strings. `owner` is the API key's id
 * (its hash prefix), never the key itself.
 */
export interface BuildRecord {
  id: string;
  status: BuildStatus;
  owner: string;
  /** `sha256:<hex>` of the uploaded tar.gz in the blob store. */
  contextDigest: string;
  /** Hex sha256 over the context digest and the options: the cache's key. */
  cacheKey: string;
  options: BuildOptions;
  /** Pushed reference; set on SUCCESS (and kept for cache hits). */
  image?: string;
  /** Manifest digest the registry stored for `image`. */
  imageDigest?: string;
  imageSizeBytes?: number;
  /** Why the build failed, was cancelled or expired. */
  error?: string;
  /** Worker runs so far (0 until a worker picks the build up). */
  attempt: number;
  /** Worker currently (or last) running the build. */
  workerId?: string;
  /** Set by a cancel request; a worker that sees it stops the build. */
  cancelRequested: boolean;
  /** Id of the earlier build whose result this one reused (cache hit). */
  cachedFrom?: string;
  createdAt: string;
  queuedAt?: string;
  startedAt?: string;
  finishedAt?: string;
  /** Last sign of life from the worker running the build. */
  heartbeatAt?: string;
}

/** The result of a successful build, reusable by later identical builds. */
export interface CachedImage {
  buildId: string;
  image: string;
  imageDigest: string;
  imageSizeBytes?: number;
  cachedAt: string;
}

/** Fields a transition may set besides `status`. */
export type BuildPatch = Partial<
  Pick<
    BuildRecord,
    | 'image'
    | 'imageDigest'
    | 'imageSizeBytes'
    | 'error'
    | 'attempt'
    | 'workerId'
    | 'queuedAt'
    | 'startedAt'
    | 'finishedAt'
    | 'heartbeatAt'
  >
>;

export type TransitionOutcome =
  | { applied: true; record: BuildRecord }
  /** The record was not in one of the expected statuses (or is gone: `record` undefined). */
  | { applied: false; record: BuildRecord | undefined };

export type CreateBuildOutcome =
  | { kind: 'created'; record: BuildRecord }
  /** The owner already has `maxActivePerOwner` builds that are not finished. */
  | { kind: 'limited'; active: number };
