import { retryAfterMs } from './retry-after';

/** How a service (or one call) retries; see {@link HttpService}. */
export interface RetryOptions {
  /** Retries after the first attempt; 0 turns retrying off. Default 3. */
  retries?: number;
  /** First backoff after a connection error or a 429 without `Retry-After`; doubles each time. */
  retryBaseDelayMs?: number;
  /** No wait is longer: a `Retry-After` beyond it is not waited for (the error is thrown). */
  maxRetryDelayMs?: number;
  /** Told before each retry (for debug logs): what failed and how long the wait is. */
  onRetry?: (retry: RetryNotice) => void;
}

export interface RetryNotice {
  method: string;
  url: string;
  /** 1 for the first retry. */
  retry: number;
  delayMs: number;
  reason: string;
}

export const DEFAULT_RETRIES = 3;
const DEFAULT_BASE_DELAY_MS = 250;
const DEFAULT_MAX_DELAY_MS = 30_000;

/** Methods that may be sent twice without a second effect (RFC 9110 9.2.2). */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'PUT',
  'DELETE',
  'OPTIONS',
]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/**
 * Errors of a connection that failed or broke (refused, reset, closed by the other side). A
 * timeout is not one of them: the request may have been acted on, and the call's time is up.
 */
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** Reads codes by shape, not `instanceof`: fetch's errors may come from another realm (Jest's vm). */
export function isConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    if (typeof current !== 'object') return false;
    const code = 'code' in current ? current.code : undefined;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    current = 'cause' in current ? current.cause : undefined;
  }
  return false;
}

export class RetryPolicy {
  readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  readonly notify: (retry: RetryNotice) => void;

  constructor(service: RetryOptions, call: RetryOptions) {
    this.notify = call.onRetry ?? service.onRetry ?? (() => undefined);
    this.retries = Math.max(call.retries ?? service.retries ?? DEFAULT_RETRIES, 0);
    this.baseDelayMs = call.retryBaseDelayMs ?? service.retryBaseDelayMs ?? DEFAULT_BASE_DELAY_MS;
    this.maxDelayMs = call.maxRetryDelayMs ?? service.maxRetryDelayMs ?? DEFAULT_MAX_DELAY_MS;
  }

  /** Capped exponential backoff before retry number `retry` (0-based). */
  backoffMs(retry: number): number {
    return Math.min(this.baseDelayMs * 2 ** retry, this.maxDelayMs);
  }

  /**
   * The wait a 429 asks for, or undefined when it asks for longer than the cap: retrying sooner
   * than the server said would only be refused again, so the caller gets the error (with
   * `retryAfterSeconds`) and decides.
   */
  rateLimitDelayMs(retryAfter: string | null, retry: number): number | undefined {
    const asked = retryAfterMs(retryAfter);
    if (asked === undefined) return this.backoffMs(retry);
    return asked <= this.maxDelayMs ? asked : undefined;
  }
}
