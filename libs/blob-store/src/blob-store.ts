import type { Readable } from 'node:stream';
import type { Digest } from './digest';

/** What `put` stored: the content's digest and its size in bytes. */
export interface BlobRef {
  digest: Digest;
  size: number;
}

export interface BlobInfo extends BlobRef {
  /** When the blob was last stored (a repeated `put` of the same content refreshes it). */
  storedAt: Date;
}

export interface PutOptions {
  /** Refuse (BlobTooLargeError) and store nothing once the content exceeds this many bytes. */
  maxBytes: number;
  /** Aborting stops the upload; nothing is stored. */
  signal?: AbortSignal;
}

export interface SweepOptions {
  /** Delete blobs stored (or last re-stored) longer ago than this. */
  olderThanMs: number;
}

export interface SweepResult {
  deleted: Digest[];
}

/**
 * Content-addressed storage for build contexts: each content is stored once under its sha256
 * digest. Digest arguments are validated (InvalidDigestError) before anything touches storage.
 */
export interface BlobStore {
  put(source: Readable | Buffer, options: PutOptions): Promise<BlobRef>;
  has(digest: string): Promise<boolean>;
  /** A stream of the blob's bytes; BlobNotFoundError when missing. */
  open(digest: string): Promise<Readable>;
  /** BlobNotFoundError when missing. */
  stat(digest: string): Promise<BlobInfo>;
  /** True when a blob was removed, false when there was none. */
  delete(digest: string): Promise<boolean>;
  /** Retention: removes old blobs (and temp files left by crashed uploads). */
  sweep(options: SweepOptions): Promise<SweepResult>;
}
