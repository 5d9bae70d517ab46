import type { RuntimeEventRecord, RuntimeInspection } from '../runtime-backend';
import type { LocalState } from './local-state';
import type { OwnedRecord } from './owned-records';

/**
 * A recorded runtime's inspection. The local backend never restarts a runtime, so the restart
 * count is 0 and the reasons are why it went down, as the docker backend reports them. Only the
 * process that started a runtime (its parent) learns how it ended: a runtime that died after
 * its starter had exited shows `error` without an `Exited` event.
 */
export function toLocalInspection(
  record: OwnedRecord,
  state: LocalState,
  events: RuntimeEventRecord[],
  logsTail: string,
): RuntimeInspection {
  // A record whose process is gone means the runtime died without being stopped.
  const [status, podStatus] = state.alive
    ? [state.status, state.podStatus]
    : (['error', 'failed'] as const);
  return {
    status,
    podStatus,
    restartCount: 0,
    restartReasons: events.filter((e) => e.reason === 'Exited').map((e) => e.message),
    logsTail,
    events,
    createdAt: record.createdAt,
    labels: record.labels,
  };
}
