/** Thrown by a processor when retrying cannot help (bad input); the job fails at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** No worker finished the job in time. */
export class JobTimeoutError extends Error {
  override name = 'JobTimeoutError';
  constructor(
    readonly jobId: string,
    readonly timeoutMs: number,
  ) {
    super(`job ${jobId} did not finish within ${timeoutMs} ms`);
  }
}

/** The worker ran the job and it failed; `reason` is the worker's message. */
export class JobFailedError extends Error {
  override name = 'JobFailedError';
  constructor(
    readonly jobId: string,
    readonly reason: string,
  ) {
    super(`job ${jobId} failed: ${reason}`);
  }
}
