import { z } from 'zod';

const ErrorBodySchema = z.looseObject({
  detail: z.unknown().optional(),
  code: z.unknown().optional(),
});

/** The API answered with an error status; `detail`/`code` come from its error body. */
export class RuntimeApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly code: string | undefined,
    what: string,
  ) {
    super(`${what} answered ${status}${code ? ` ${code}` : ''}: ${detail}`);
  }

  /** Worth asking again: the server or something in front of it had a moment. */
  get transient(): boolean {
    return this.status >= 500 || this.status === 429;
  }
}

/** An error's message, read by shape: fetch's errors may come from another realm (Jest's vm). */
function messageOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('message' in value)) return undefined;
  return typeof value.message === 'string' ? value.message : undefined;
}

/** The API could not be reached (refused, reset, timed out); asking again may help. */
export class RuntimeApiUnreachable extends Error {
  readonly transient = true;

  constructor(what: string, baseUrl: string, cause: unknown) {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, ...) is in its cause.
    const inner =
      typeof cause === 'object' && cause !== null && 'cause' in cause ? cause.cause : undefined;
    const reason = messageOf(inner) ?? messageOf(cause) ?? String(cause);
    super(`${what}: cannot reach ${baseUrl}: ${reason}`, { cause });
  }
}

/** `{detail, code}` of an error answer, or its text when it is not ours (a proxy's page). */
export async function errorOf(response: Response, what: string): Promise<RuntimeApiError> {
  const text = await response.text().catch(() => '');
  let detail = text.trim().slice(0, 500) || response.statusText;
  let code: string | undefined;
  try {
    const body = ErrorBodySchema.parse(JSON.parse(text));
    if (typeof body.detail === 'string') detail = body.detail;
    else if (body.detail !== undefined) detail = JSON.stringify(body.detail);
    if (typeof body.code === 'string') code = body.code;
  } catch {
    // Not JSON: the text it is.
  }
  return new RuntimeApiError(response.status, detail, code, what);
}

export function isTimeout(reason: unknown): boolean {
  return (
    typeof reason === 'object' &&
    reason !== null &&
    'name' in reason &&
    reason.name === 'TimeoutError'
  );
}
