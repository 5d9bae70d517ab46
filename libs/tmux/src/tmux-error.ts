/**
 * Why a tmux operation failed: `no_session` and `no_server` let callers treat "gone" as normal;
 * `busy` is a server that refused a connection for a moment (retried before it surfaces).
 */
export type TmuxErrorReason = 'no_server' | 'no_session' | 'exists' | 'invalid' | 'busy' | 'failed';

/** A failed tmux operation, with the reason and tmux's own message. */
export class TmuxError extends Error {
  constructor(
    readonly reason: TmuxErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'TmuxError';
  }
}

/** True for errors that only mean the session or the whole server no longer exists. */
export function isGone(error: unknown): boolean {
  return (
    error instanceof TmuxError && (error.reason === 'no_server' || error.reason === 'no_session')
  );
}

/** A `.catch` for operations where "already gone" is success. */
export function ignoreGone(error: unknown): undefined {
  if (isGone(error)) return undefined;
  throw error;
}
