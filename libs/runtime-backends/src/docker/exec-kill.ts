import type { Container } from 'dockerode';
import { messageOf } from './docker-errors';
import { runExec } from './exec-run';

const KILL_TIMEOUT_MS = 10_000;

/**
 * Kills, inside the container, every process whose environment holds `marker` (`NAME=value`):
 * the exec's process group (runc makes each exec a session leader) and any descendant that left
 * it, since children inherit the environment. It runs as the container's default user, like the
 * exec, so it may read their /proc/<pid>/environ; it needs `sh`, `tr` and `grep` in the image.
 */
const KILL_SCRIPT = `for env in /proc/[0-9]*/environ; do
  pid=\${env#/proc/}; pid=\${pid%/environ}
  if tr '\\0' '\\n' < "$env" | grep -qxF "$0"; then
    kill -KILL -- "-$pid"; kill -KILL "$pid"
  fi
done 2>/dev/null; true`;

/** What became of a timed-out exec's processes, for its error message. */
export async function killMarked(container: Container, marker: string): Promise<string> {
  try {
    const result = await runExec(container, ['sh', '-c', KILL_SCRIPT, marker], [], KILL_TIMEOUT_MS);
    if (result.exitCode === 0) return 'its processes were killed';
    return `killing its processes failed (exit ${result.exitCode}): ${result.stderr.trim()}`;
  } catch (error) {
    return `killing its processes failed: ${messageOf(error)}`;
  }
}
