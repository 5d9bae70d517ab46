import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { LocalBackendOptions } from './local-backend-options';
import { tmuxSocketOf, workspaceOf } from './local-naming';
import type { OwnedRecords } from './owned-records';
import { killGroup } from './process-group';

/**
 * Removes everything a local runtime holds: its process group, its tmux server, its workspace,
 * then its record (last, so a crash half way leaves the record for the sweep to find).
 */
export async function removeRuntime(
  options: LocalBackendOptions,
  records: OwnedRecords,
  runtimeId: string,
  pid: number | undefined,
): Promise<void> {
  if (pid !== undefined)
    await killGroup(pid, options.stopGraceMs ?? 5_000, options.pollIntervalMs ?? 100);
  await killTmuxServer(runtimeId, options.baseEnvironment ?? {});
  await rm(workspaceOf(options.root, runtimeId), { recursive: true, force: true });
  await records.remove(runtimeId);
}

/** tmux servers leave the group (they daemonise), so they are stopped by socket; none is fine. */
function killTmuxServer(runtimeId: string, env: Readonly<Record<string, string>>): Promise<void> {
  const argv = ['-L', tmuxSocketOf(runtimeId), 'kill-server'];
  return new Promise((resolve) => {
    execFile('tmux', argv, { env: { ...env }, timeout: 5_000 }, () => resolve());
  });
}
