import { ApiException } from '@kubernetes/client-node';
import { RuntimeBackendError, type RuntimeBackendErrorReason } from '../runtime-backend-error';

/**
 * Our error for a failed API call: an answer from the API server keeps `reason`
 * (422 means the manifest was refused, so `invalid_spec`); no answer at all means
 * the API server is unreachable, `backend_unavailable`.
 */
export function toBackendError(error: unknown, reason: RuntimeBackendErrorReason): Error {
  if (error instanceof RuntimeBackendError) return error;
  if (error instanceof ApiException) {
    const why = error.code === 422 ? 'invalid_spec' : reason;
    return new RuntimeBackendError(
      why,
      `Kubernetes API answered ${error.code}: ${bodyMessage(error)}`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RuntimeBackendError('backend_unavailable', `Kubernetes API unreachable: ${message}`);
}

function bodyMessage(error: ApiException<unknown>): string {
  const body: unknown = error.body;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as { message?: unknown };
      if (typeof parsed.message === 'string') return parsed.message;
    } catch {
      return body;
    }
  }
  return error.message;
}
