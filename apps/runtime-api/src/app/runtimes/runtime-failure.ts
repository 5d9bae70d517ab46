import type { PodStatus, RuntimeDiagnosticEvent } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { RuntimeBackendError } from '@agentrt/runtime-backends';
import { LockTimeoutError } from '@agentrt/runtime-state';

/** What a failed start leaves on the record, for the user polling `/runtime/{id}`. */
export interface FailureDiagnostics {
  podStatus: PodStatus;
  reason: string;
  message: string;
  podLogs?: string;
  events: RuntimeDiagnosticEvent[];
}

/**
 * A start that cannot come up by itself is reported with a fatal pod status, so clients stop
 * polling: a crash while waiting for readiness is `crashloopbackoff`, anything else `failed`.
 */
export function diagnosticsOf(error: unknown, at = new Date()): FailureDiagnostics {
  const reason = error instanceof RuntimeBackendError ? error.reason : 'start_failed';
  const message = error instanceof Error ? error.message : String(error);
  const podLogs =
    error instanceof RuntimeBackendError && error.logsTail ? error.logsTail : undefined;
  return {
    podStatus: reason === 'not_ready' ? 'crashloopbackoff' : 'failed',
    reason,
    message,
    podLogs,
    events: [{ type: 'Warning', reason, message, timestamp: at.toISOString() }],
  };
}

/** Maps a backend or lock failure during stop/pause/resume to the error body clients see. */
export function toApiException(error: unknown, runtimeId: string): unknown {
  if (error instanceof LockTimeoutError) {
    return new ApiException(
      409,
      `runtime ${runtimeId} is busy with another lifecycle change; retry`,
      'conflict',
      {},
      { 'Retry-After': '1' },
    );
  }
  if (!(error instanceof RuntimeBackendError)) return error;
  if (error.reason === 'backend_unavailable') {
    return new ApiException(
      503,
      `runtime backend unavailable: ${error.message}`,
      'service_unavailable',
    );
  }
  return new ApiException(502, `runtime backend failed: ${error.message}`, 'bad_gateway');
}
