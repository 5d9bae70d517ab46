import type { Container } from 'dockerode';
import { randomUUID } from 'node:crypto';
import type { ExecResult } from '../runtime-backend';
import { RuntimeBackendError } from '../runtime-backend-error';
import { killMarked } from './exec-kill';
import { ExecTimedOut, runExec } from './exec-run';

/** Environment variable marking an exec's processes, so a timeout can find and kill them. */
export const EXEC_MARKER = 'AGENTRT_EXEC_ID';

/**
 * Runs argv in the container and collects its output and exit code. The engine cannot cancel an
 * exec, so on timeout the exec's processes are killed from a second exec before the error.
 */
export async function execInContainer(
  container: Container,
  argv: readonly string[],
  timeoutMs: number,
): Promise<ExecResult> {
  const marker = `${EXEC_MARKER}=${randomUUID()}`;
  try {
    return await runExec(container, argv, [marker], timeoutMs);
  } catch (error) {
    if (!(error instanceof ExecTimedOut)) throw error;
    const outcome = await killMarked(container, marker);
    throw new RuntimeBackendError('exec_failed', `${error.message}; ${outcome}`);
  }
}
