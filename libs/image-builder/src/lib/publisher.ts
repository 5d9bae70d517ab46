import type { Readable } from 'node:stream';
import type { LogSink } from './types';

/** The stored build context: its digest, and a way to read its tar.gz bytes. */
export interface StoredContext {
  /** `sha256:<64 hex>` of the tar.gz in the blob store. */
  digest: string;
  open(): Promise<Readable>;
}

/** One image to build and push. */
export interface PublishRequest {
  context: StoredContext;
  /** Path of the Dockerfile inside the context; defaults to `Dockerfile`. */
  dockerfile?: string;
  target?: string;
  buildArgs?: Readonly<Record<string, string>>;
  /** Full references (`registry/repo:tag`) to push; at least one; the first is the result. */
  tags: readonly string[];
  labels?: Readonly<Record<string, string>>;
  /** Wall-clock limit for build and push together. */
  timeoutMs: number;
  /** Aborting cancels the build (ImageBuildError `cancelled`). */
  signal?: AbortSignal;
  onLog: LogSink;
}

export interface PublishResult {
  /** The first tag, as pushed. */
  image: string;
  /** `sha256:...` manifest digest the registry stored for it. */
  imageDigest: string;
  /** Size of the image, when the builder can tell. */
  sizeBytes?: number;
}

/**
 * Builds an image from a stored context and pushes every tag: through a Docker engine, or as a
 * Kubernetes Job running a daemonless builder. Throws ImageBuildError only.
 */
export interface ImagePublisher {
  publish(request: PublishRequest): Promise<PublishResult>;
}
