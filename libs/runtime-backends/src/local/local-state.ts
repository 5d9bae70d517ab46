import type { PodStatus, RuntimeStatus } from '@agentrt/contracts';
import { httpOk } from './http-probe';
import type { OwnedRecord } from './owned-records';
import { liveProcess } from './proc-stat';

/** Where a local runtime stands, from its process and (when running) its readiness endpoint. */
export interface LocalState {
  status: RuntimeStatus;
  podStatus: PodStatus;
  alive: boolean;
}

/** Maps /proc state: gone = stopped, 'T' = paused, otherwise running (ready once it answers). */
export async function localState(record: OwnedRecord, probe: boolean): Promise<LocalState> {
  const stat = await liveProcess(record.pid, record.startTime);
  if (!stat) return { status: 'stopped', podStatus: 'not found', alive: false };
  if (stat.state === 'T') return { status: 'paused', podStatus: 'running', alive: true };
  const ready =
    probe && record.readinessPath !== undefined
      ? await httpOk(`http://127.0.0.1:${record.port}${record.readinessPath}`, 1_000)
      : false;
  return { status: 'running', podStatus: ready ? 'ready' : 'running', alive: true };
}
