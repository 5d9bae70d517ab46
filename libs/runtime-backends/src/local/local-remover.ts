import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { LocalBackendOptions } from './local-backend-options';
import { tmuxSocketOf, workspaceOf } from './local-naming';
import type { OwnedRecords } from './owned-records';
import { killGroup } from './process-group';
import type { RuntimeEvents } from './runtime-events';
import { spawnIds, type RuntimeLimits } from './runtime-limits';

/** What a runtime holds, as far as removing it goes. */
export interface Removal {
  runtimeId: string;
  /** The live group leader, if any. */
  pid: number | undefined;
  /** Its user: tmux keeps each user's servers in a directory of that user's own. */
  limits: RuntimeLimits | undefined;
}

/**
 * Removes everything a local runtime holds: its process group, its tmux server, its workspace,
 * its events, then its record (last, so a crash half way leaves the record for the sweep).
 */
export async function removeRuntime(
  options: LocalBackendOptions,
  store: { records: OwnedRecords; events: RuntimeEvents },
  { runtimeId, pid, limits }: Removal,
): Promise<void> {
  if (pid !== undefined)
    await killGroup(pid, options.stopGraceMs ?? 5_000, options.pollIntervalMs ?? 100);
  await killTmuxServer(runtimeId, options.baseEnvironment ?? {}, limits);
  await rm(workspaceOf(options.root, runtimeId), { recursive: true, force: true });
  await store.events.remove(runtimeId);
  await store.records.remove(runtimeId);
}

/** tmux servers leave the group (they daemonise), so they are stopped by socket; none is fine. */
function killTmuxServer(
  runtimeId: string,
  env: Readonly<Record<string, string>>,
  limits: RuntimeLimits | undefined,
): Promise<void> {
  const argv = ['-L', tmuxSocketOf(runtimeId), 'kill-server'];
  const options = { env: { ...env }, timeout: 5_000, ...spawnIds(limits) };
  return new Promise((resolve) => {
    execFile('tmux', argv, options, () => resolve());
  });
}
