/** A registry could not be reached or answered something we cannot use; names the registry. */
export class RegistryError extends Error {
  constructor(
    readonly registry: string,
    reason: string,
  ) {
    super(`registry ${registry} ${reason}`);
  }
}

/** Turns a failed fetch into words an operator can act on ("connect ECONNREFUSED ...", "timed out"). */
export function describeFetchFailure(error: unknown, timeoutMs: number): string {
  // Duck-typed: the abort reason is a DOMException, which is no `Error` in every realm (e.g. Jest).
  if (fieldOf(error, 'name') === 'TimeoutError') {
    return `did not answer within ${timeoutMs / 1000} s`;
  }
  // fetch says only "fetch failed"; the socket-level reason is in `cause`.
  const reason = fieldOf(fieldOf(error, 'cause'), 'message') || fieldOf(error, 'message');
  return `is unreachable (${typeof reason === 'string' && reason ? reason : String(error)})`;
}

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
