import type { RuntimeHandle, RuntimeInspection } from '../runtime-backend';
import type { OwnedRecord } from './owned-records';

/** The handle for a recorded runtime: ref is the process group id, the endpoint its loopback port. */
export function handleOf(record: OwnedRecord): RuntimeHandle {
  return {
    backend: 'local',
    runtimeId: record.runtimeId,
    ref: String(record.pid),
    endpoints: { [record.containerPort]: `http://127.0.0.1:${record.port}` },
  };
}

/** What inspect says about a runtime this backend has no record of. */
export function notFound(): RuntimeInspection {
  return {
    status: 'stopped',
    podStatus: 'not found',
    restartCount: 0,
    restartReasons: [],
    logsTail: '',
    events: [],
    createdAt: '',
    labels: {},
  };
}
