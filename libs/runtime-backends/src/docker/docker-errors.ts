import { RuntimeBackendError, type RuntimeBackendErrorReason } from '../runtime-backend-error';

/** The engine answered 404 (no such container, image, volume or exec). */
export function isNotFound(error: unknown): boolean {
  return statusCodeOf(error) === 404;
}

/** The engine answered 409 (name conflict, or the container is already in that state). */
export function isConflict(error: unknown): boolean {
  return statusCodeOf(error) === 409;
}

function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

/** The message of anything thrown, for error texts. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Wraps an engine error in our error type; errors without an HTTP status mean the engine itself
 * did not answer (socket missing, connection refused).
 */
export function toBackendError(
  error: unknown,
  reason: RuntimeBackendErrorReason,
  context: string,
): RuntimeBackendError {
  if (error instanceof RuntimeBackendError) return error;
  const why = statusCodeOf(error) === undefined ? 'backend_unavailable' : reason;
  return new RuntimeBackendError(why, `${context}: ${messageOf(error)}`);
}

/** A 404 means the runtime is gone; anything else keeps `reason`. */
export function operationError(
  error: unknown,
  context: string,
  reason: RuntimeBackendErrorReason,
): RuntimeBackendError {
  if (isNotFound(error)) return new RuntimeBackendError('not_found', `${context}: runtime is gone`);
  return toBackendError(error, reason, context);
}

export function alreadyExists(runtimeId: string): RuntimeBackendError {
  return new RuntimeBackendError('start_failed', `runtime ${runtimeId} already has a container`);
}
