/**
 * - `build_failed`: the Dockerfile or one of its steps failed; retrying cannot help.
 * - `timeout` / `cancelled`: the build was stopped on our side.
 * - `engine_unavailable`: the Docker engine could not be reached or broke off; worth a retry.
 * - `push_failed`: see `transient` (registry unreachable: yes; denied/unknown image: no).
 */
export type ImageBuildErrorKind =
  'build_failed' | 'timeout' | 'cancelled' | 'engine_unavailable' | 'push_failed';

/** The one error type the builder throws; `transient` tells a queue whether a retry may help. */
export class ImageBuildError extends Error {
  override readonly name = 'ImageBuildError';

  constructor(
    readonly kind: ImageBuildErrorKind,
    message: string,
    readonly transient: boolean = kind === 'engine_unavailable',
  ) {
    super(message);
  }
}

/** The HTTP status the engine answered with, when it answered at all. */
export function errorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
