import { type ErrorBody, ErrorBodySchema } from '@agentrt/contracts';

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
    readonly body: ErrorBody | undefined,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** True for a timeout or refused connection: the request may never have arrived. */
  get unreachable(): boolean {
    return this.status === undefined;
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
  const what = body ? `${body.code}: ${body.detail}` : text.slice(0, 200) || 'no body';
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  return new ApiCallError(
    method,
    url,
    status,
    body,
    `${method} ${url} answered ${status} (${what})`,
    seconds,
  );
}

function parseErrorBody(text: string): ErrorBody | undefined {
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
