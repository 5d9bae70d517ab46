import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { ApiCallError, errorOfResponse } from './api-call-error';
import { messageOf, parseJson, queryString, readText } from './http-helpers';
import type { CallOptions, ServiceOptions } from './call-options';
import { isConnectionError, isIdempotent, RetryPolicy } from './retry-policy';

export type { CallOptions, ServiceOptions, StreamBody } from './call-options';

interface Answer {
  response: Response;
  method: string;
  url: string;
  /** Ends the attempt's time limit. */
  settle(): void;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * One remote service spoken to in JSON, with a time limit on every call, typed answers and
 * retries only where they are safe: a 429 (after its `Retry-After`, on any method) and a failed
 * connection on idempotent calls. Timeouts are never retried: the call's time is up, and a
 * non-idempotent request may have been acted on.
 */
export class HttpService {
  private readonly baseUrl: string;

  constructor(private readonly options: ServiceOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** Calls `path` and parses the JSON answer with `schema`; non-2xx throws ApiCallError. */
  async json<S extends z.ZodType>(
    path: string,
    schema: S,
    call: CallOptions = {},
  ): Promise<z.output<S>> {
    const { response, method, url, settle } = await this.send(path, call);
    const text = await readText(response, method, url).finally(settle);
    if (!response.ok) {
      throw errorOfResponse(
        method,
        url,
        response.status,
        text,
        response.headers.get('retry-after'),
      );
    }
    const parsed = schema.safeParse(parseJson(text));
    if (!parsed.success) {
      throw new ApiCallError(
        method,
        url,
        response.status,
        undefined,
        `${method} ${url}: unexpected answer: ${parsed.error.message}`,
      );
    }
    return parsed.data;
  }

  /**
   * Calls `path` and hands back the raw response once it is 2xx (streams, files). The time limit
   * ends with the headers; the caller reads the body for as long as it likes (stop it with
   * `signal`).
   */
  async raw(path: string, call: CallOptions = {}): Promise<Response> {
    const { response, method, url, settle } = await this.send(path, call);
    if (response.ok) {
      settle();
      return response;
    }
    const text = await readText(response, method, url).finally(settle);
    throw errorOfResponse(method, url, response.status, text, response.headers.get('retry-after'));
  }

  private async send(path: string, call: CallOptions): Promise<Answer> {
    const method = call.method ?? (call.body === undefined && !call.stream ? 'GET' : 'POST');
    const url = `${this.baseUrl}${path}${queryString(call.query)}`;
    const policy = new RetryPolicy(this.options, call);
    const idempotent = call.idempotent ?? isIdempotent(method);
    // Bounded: at most policy.retries + 1 attempts.
    for (let retry = 0; ; retry += 1) {
      const last = retry >= policy.retries;
      const attempt = await this.attempt(method, url, call);
      if (attempt instanceof FailedAttempt) {
        if (last || !idempotent || !attempt.retryable) throw attempt.error;
        const delayMs = policy.backoffMs(retry);
        policy.notify({ method, url, retry: retry + 1, delayMs, reason: attempt.error.message });
        await pause(delayMs, call.signal, attempt.error);
        continue;
      }
      const wait =
        attempt.response.status === 429 && !last
          ? policy.rateLimitDelayMs(attempt.response.headers.get('retry-after'), retry)
          : undefined;
      if (wait === undefined) return attempt;
      await attempt.response.body?.cancel().catch(() => undefined);
      attempt.settle();
      policy.notify({ method, url, retry: retry + 1, delayMs: wait, reason: 'answered 429' });
      await pause(wait, call.signal, undefined);
    }
  }

  private async attempt(
    method: string,
    url: string,
    call: CallOptions,
  ): Promise<Answer | FailedAttempt> {
    const timeoutMs = call.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const limit = new AbortController();
    const timer = setTimeout(
      () => limit.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')),
      timeoutMs,
    );
    const settle = () => clearTimeout(timer);
    const signal = call.signal ? AbortSignal.any([limit.signal, call.signal]) : limit.signal;
    try {
      const response = await fetch(url, { method, signal, ...this.encode(call) });
      return { response, method, url, settle };
    } catch (error) {
      settle();
      const reason = signal.aborted ? messageOf(signal.reason) : messageOf(error);
      const failure = new ApiCallError(
        method,
        url,
        undefined,
        undefined,
        `${method} ${url} failed: ${reason}`,
      );
      return new FailedAttempt(failure, !signal.aborted && isConnectionError(error));
    }
  }

  private encode(call: CallOptions): RequestInit & { duplex?: 'half' } {
    const headers: Record<string, string> = { ...this.options.headers, ...call.headers };
    if (call.stream) {
      headers['content-type'] = call.stream.contentType;
      if (call.stream.length !== undefined) headers['content-length'] = String(call.stream.length);
      // Node's fetch sends a stream body only half-duplex, and must be told so.
      return { headers, body: call.stream.open(), duplex: 'half' };
    }
    if (call.body === undefined) return { headers };
    if (call.body instanceof FormData) return { headers, body: call.body };
    headers['content-type'] = 'application/json';
    return { headers, body: JSON.stringify(call.body) };
  }
}

/** No answer came; `retryable` when the connection failed (not a timeout, not our abort). */
class FailedAttempt {
  constructor(
    readonly error: ApiCallError,
    readonly retryable: boolean,
  ) {}
}

/** Waits `ms` unless the caller gives up first; then the last failure (if any) is the answer. */
async function pause(ms: number, signal: AbortSignal | undefined, last: ApiCallError | undefined) {
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    throw last ?? error;
  }
}
