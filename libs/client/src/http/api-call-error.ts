import { retryAfterMs } from './retry-after';

/**
 * A service's error body as the client reads it: ours (`{detail, code, request_id}`) or a plain
 * OpenHands/FastAPI one (`{detail}`, where `detail` may be a list of problems). `detail` is
 * always text here so it can be shown as is; the other fields come through untouched.
 */
export interface ApiErrorBody {
  detail: string;
  code?: string;
  request_id?: string;
  [field: string]: unknown;
}

/**
 * A call to an agentrt service that did not succeed. `status` is the HTTP status, or undefined
 * when no answer came (connection refused, timeout); `body` is the service's error body when it
 * sent one, so callers can show the server's own `detail` and `code`.
 */
export class ApiCallError extends Error {
  override name = 'ApiCallError';

  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number | undefined,
    readonly body: ApiErrorBody | undefined,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** True for a timeout or refused connection: the request may never have arrived. */
  get unreachable(): boolean {
    return this.status === undefined;
  }

  /** Worth asking again later: no answer, 429 or a 5xx (the same request may then succeed). */
  get transient(): boolean {
    return this.status === undefined || this.status === 429 || this.status >= 500;
  }
}

/** Builds the error of a non-2xx answer from its body text (an error body or anything else). */
export function errorOfResponse(
  method: string,
  url: string,
  status: number,
  text: string,
  retryAfter: string | null,
): ApiCallError {
  const body = parseErrorBody(text);
  const what = body
    ? body.code
      ? `${body.code}: ${body.detail}`
      : body.detail
    : text.trim().slice(0, 200) || 'no body';
  const wait = retryAfterMs(retryAfter);
  return new ApiCallError(
    method,
    url,
    status,
    body,
    `${method} ${url} answered ${status} (${what})`,
    wait === undefined ? undefined : Math.ceil(wait / 1000),
  );
}

/** `{detail, ...}` of any shape the services send; anything else (a proxy's page) is no body. */
export function parseErrorBody(text: string): ApiErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('detail' in parsed)) return undefined;
  const { detail, code, request_id, ...rest } = parsed as Record<string, unknown>;
  return {
    ...rest,
    detail: typeof detail === 'string' ? detail : JSON.stringify(detail),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof request_id === 'string' ? { request_id } : {}),
  };
}
