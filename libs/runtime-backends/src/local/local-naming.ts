import { join } from 'node:path';
import { RuntimeBackendError } from '../runtime-backend-error';

const RUNTIME_ID = /^[a-z0-9][a-z0-9-]{0,55}$/;

/** Rejects ids that could escape the root as paths or break the tmux socket name. */
export function checkRuntimeId(runtimeId: string): void {
  if (!RUNTIME_ID.test(runtimeId)) {
    throw new RuntimeBackendError('invalid_spec', `invalid runtime id '${runtimeId}'`);
  }
}

/** The runtime's workspace directory. */
export function workspaceOf(root: string, runtimeId: string): string {
  return join(root, runtimeId);
}

/** The runtime's output, inside its workspace so stop removes it with everything else. */
export function logFileOf(workspace: string): string {
  return join(workspace, '.agentrt-runtime.log');
}

/** Each local runtime gets its own tmux server, so attaching never reaches another runtime. */
export function tmuxSocketOf(runtimeId: string): string {
  return `agentrt-${runtimeId}`;
}
