import type { Readable } from 'node:stream';

/** Receives the engine's output, one human-readable line at a time (no ANSI, no JSON). */
export type LogSink = (line: string) => void;

/** What to build; the context is consumed (and destroyed on failure). */
export interface BuildRequest {
  /** A gzip-compressed tar with the Dockerfile inside; validated by the caller beforehand. */
  context: Readable;
  /** Path of the Dockerfile inside the context; defaults to `Dockerfile`. */
  dockerfile?: string;
  /** Stage of a multi-stage Dockerfile to stop at. */
  target?: string;
  buildArgs?: Readonly<Record<string, string>>;
  /** Full references (`registry/repo:tag`); at least one, so the result can be pushed. */
  tags: readonly string[];
  labels?: Readonly<Record<string, string>>;
  /**
   * Network of the build's RUN steps (`default`, `host`, `none`, or a network name). An operator
   * setting, never a client's: `host` lets RUN steps reach the engine host's loopback services.
   */
  networkMode?: string;
  /** Wall-clock limit for the build; the engine's request is aborted when it passes. */
  timeoutMs: number;
  signal?: AbortSignal;
  onLog: LogSink;
}

export interface BuildResult {
  /** `sha256:...` id of the built image. */
  imageId: string;
  sizeBytes: number;
}

export interface PushOptions {
  onLog: LogSink;
  signal?: AbortSignal;
  /** Optional wall-clock limit for the push. */
  timeoutMs?: number;
}

export interface PushResult {
  /** `sha256:...` manifest digest the registry stored. */
  digest: string;
}
