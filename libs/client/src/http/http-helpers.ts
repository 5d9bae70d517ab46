import { ApiCallError } from './api-call-error';

/** Reads the body; a connection that breaks (or times out) meanwhile is an ApiCallError. */
export async function readText(response: Response, method: string, url: string): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw new ApiCallError(
      method,
      url,
      undefined,
      undefined,
      `${method} ${url} failed: ${messageOf(error)}`,
    );
  }
}

export function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, ...) is in its cause. */
export function messageOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const cause = 'cause' in error ? error.cause : undefined;
  if (typeof cause === 'object' && cause !== null && 'message' in cause)
    return String(cause.message);
  return 'message' in error ? String(error.message) : String(error);
}

export function queryString(
  query: Record<string, string | number | boolean | undefined> | undefined,
): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
