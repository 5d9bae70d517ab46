import { ApiException } from '@kubernetes/client-node';
import type { AbortScope } from '../abort-scope';
import { ImageBuildError, errorMessage } from '../image-build-error';

/**
 * Our error for whatever stopped a build: our own timer or the caller's signal first, then
 * errors already ours, then the API's: no answer, 429 or 5xx are worth a retry
 * (`engine_unavailable`, transient); another refusal (403 RBAC, 422 invalid Job) is not.
 */
export function toBuildError(
  error: unknown,
  scope: AbortScope,
  timeoutMs: number,
): ImageBuildError {
  if (error instanceof ImageBuildError) return error;
  const stopped = scope.reason();
  if (stopped === 'cancelled') return new ImageBuildError('cancelled', 'build cancelled');
  if (stopped === 'timeout') {
    return new ImageBuildError('timeout', `build did not finish within ${timeoutMs} ms`);
  }
  if (error instanceof ApiException) {
    const message = `Kubernetes API answered ${error.code}: ${bodyMessage(error.body)}`;
    return new ImageBuildError('engine_unavailable', message, isTransientApiError(error));
  }
  return new ImageBuildError(
    'engine_unavailable',
    `Kubernetes API unreachable: ${errorMessage(error)}`,
  );
}

/** No answer at all, 429 or 5xx: the same call may well pass a moment later. */
export function isTransientApiError(error: unknown): boolean {
  if (!(error instanceof ApiException)) return !(error instanceof ImageBuildError);
  const code = Number(error.code);
  return code === 429 || code >= 500;
}

function bodyMessage(body: unknown): string {
  const parsed: unknown = typeof body === 'string' ? safeParse(body) : body;
  if (typeof parsed === 'object' && parsed !== null && 'message' in parsed) {
    return String(parsed.message);
  }
  return typeof body === 'string' ? body : 'no message';
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
