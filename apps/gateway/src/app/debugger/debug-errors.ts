import { ApiCallError } from '@agentrt/client';
import { ApiException } from '@agentrt/platform';

export function runNotFound(runId: string): ApiException {
  return new ApiException(404, `Debug run ${runId} not found`, 'not_found');
}

export function conflict(detail: string): ApiException {
  return new ApiException(409, detail, 'conflict');
}

/**
 * The agent server's refusal of what the debugger asked (bad action_input: 400, nothing waiting
 * for confirmation: 409) passes through with its detail; anything else is a bad gateway.
 */
export function agentServerFailure(error: unknown): unknown {
  if (!(error instanceof ApiCallError)) return error;
  const detail = error.body?.detail ?? error.message;
  if (error.status === 400 || error.status === 422) {
    return new ApiException(400, `The agent server refused: ${detail}`, 'bad_request');
  }
  if (error.status === 409) return conflict(`The agent server refused: ${detail}`);
  return new ApiException(502, `The run's agent server failed: ${detail}`);
}
