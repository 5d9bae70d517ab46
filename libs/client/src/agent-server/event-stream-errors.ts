/**
 * The agent server ended an event stream for good: close code 4001 (the session key was
 * refused), 4004 (no such conversation), or a handshake refused with HTTP 401/403/404/410 (by
 * a runtime proxy, say). Retrying cannot help, so the stream does not reconnect.
 */
export class EventStreamClosed extends Error {
  override name = 'EventStreamClosed';

  constructor(
    /** The WebSocket close code, when the socket was closed with one. */
    readonly code: number | undefined,
    readonly reason: string,
    /** The HTTP status of a refused handshake. */
    readonly httpStatus?: number,
  ) {
    super(
      `event stream closed: ${reason} (${code === undefined ? `HTTP ${httpStatus ?? '?'}` : `code ${code}`})`,
    );
  }
}

/**
 * The stream could not get back after a drop within the attempts or the time allowed
 * (`ReconnectBackoffOptions.maxAttempts` / `giveUpAfterMs`). `lastFailure` says what the last try met.
 */
export class EventStreamGaveUp extends Error {
  override name = 'EventStreamGaveUp';

  constructor(
    readonly attempts: number,
    readonly lastFailure: string,
  ) {
    super(`event stream gave up after ${attempts} reconnect attempts: ${lastFailure}`);
  }
}
