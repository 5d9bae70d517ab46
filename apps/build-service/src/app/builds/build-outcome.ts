import { BlobNotFoundError } from '@agentrt/blob-store';
import type { BuildStatus } from '@agentrt/contracts';
import { ImageBuildError } from '@agentrt/image-builder';

/** How a failed run ends: a final status, or another attempt when one may help and is left. */
export type FailedRun =
  | { retry: true; reason: string }
  | { retry: false; status: Exclude<BuildStatus, 'SUCCESS'>; error: string };

export function failedRun(error: unknown, attemptsLeft: boolean): FailedRun {
  if (error instanceof ImageBuildError) return imageBuildFailure(error, attemptsLeft);
  if (error instanceof BlobNotFoundError) {
    return {
      retry: false,
      status: 'INTERNAL_ERROR',
      error: `the build context ${error.digest} is no longer stored`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return attemptsLeft
    ? { retry: true, reason: message }
    : { retry: false, status: 'INTERNAL_ERROR', error: message };
}

function imageBuildFailure(error: ImageBuildError, attemptsLeft: boolean): FailedRun {
  switch (error.kind) {
    case 'build_failed':
      return { retry: false, status: 'FAILURE', error: error.message };
    case 'timeout':
      return { retry: false, status: 'TIMEOUT', error: error.message };
    case 'cancelled':
      return { retry: false, status: 'CANCELLED', error: 'cancelled on request' };
    case 'engine_unavailable':
    case 'push_failed':
      if (error.transient && attemptsLeft) return { retry: true, reason: error.message };
      return { retry: false, status: 'INTERNAL_ERROR', error: error.message };
  }
}
