import type { RetryOptions } from './retry-policy';

export interface ServiceOptions extends RetryOptions {
  /** Base URL, e.g. `http://runtime-api:5054` or a runtime's `url`. */
  baseUrl: string;
  /** Headers sent with every call (credentials, `X-Request-Id`). */
  headers?: Record<string, string>;
  /** Per-call time limit unless a call sets its own. */
  timeoutMs?: number;
}

/** A request body streamed from somewhere (a file), e.g. a multipart upload with progress. */
export interface StreamBody {
  contentType: string;
  /** Sent as `Content-Length` when known, so the server can refuse an oversized body at once. */
  length?: number;
  /** Opens the body anew; called once per attempt so a retried call sends it whole again. */
  open(): ReadableStream<Uint8Array>;
}

export interface CallOptions extends RetryOptions {
  method?: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON-encoded unless it is already a `FormData`. */
  body?: unknown;
  /** A streamed body instead of `body`. */
  stream?: StreamBody;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /**
   * May a connection error be retried? Default: by method (GET, HEAD, PUT, DELETE, OPTIONS).
   * Say `true` for a POST that is safe to repeat, `false` for a GET with side effects.
   */
  idempotent?: boolean;
  /** Time limit of one attempt: for `json` until the body is read, for `raw` until headers. */
  timeoutMs?: number;
  signal?: AbortSignal;
}
