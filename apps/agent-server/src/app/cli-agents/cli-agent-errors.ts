import { ApiException } from '@agentrt/platform';
import { TmuxError } from '@agentrt/tmux';

/** 404 for a name the server does not know. */
export function unknownCliAgent(name: string): ApiException {
  return new ApiException(404, `CLI agent "${name}" not found`, 'not_found');
}

/** 409 for input to an agent whose command exited or whose session was killed. */
export function notRunning(name: string): ApiException {
  return new ApiException(
    409,
    `CLI agent "${name}" is not running; POST /api/cli-agents/${name}/restart starts it again`,
    'conflict',
  );
}

/**
 * Turns tmux's refusals into the answers a caller can act on (a missing working directory or a
 * bad key name is their input; a vanished session means "not running"); anything else stays a 500.
 */
export function toApiError(name: string, error: unknown): unknown {
  if (!(error instanceof TmuxError)) return error;
  switch (error.reason) {
    case 'invalid':
      return new ApiException(400, error.message, 'bad_request');
    case 'exists':
      return new ApiException(409, error.message, 'conflict');
    case 'no_session':
    case 'no_server':
      return notRunning(name);
    case 'busy':
    case 'failed':
      return error;
  }
}
