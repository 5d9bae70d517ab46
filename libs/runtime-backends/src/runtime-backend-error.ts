/** Why a backend operation failed, for callers to map to statuses and messages. */
export type RuntimeBackendErrorReason =
  | 'image_not_found'
  | 'invalid_spec'
  | 'start_failed'
  | 'not_ready'
  | 'not_found'
  | 'backend_unavailable'
  | 'exec_failed';

/** The one error type backends throw; `logsTail` helps a user see why a start failed. */
export class RuntimeBackendError extends Error {
  override name = 'RuntimeBackendError';

  constructor(
    readonly reason: RuntimeBackendErrorReason,
    message: string,
    readonly logsTail = '',
  ) {
    super(message);
  }
}
