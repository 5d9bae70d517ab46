import type { ContainerInspectInfo } from 'dockerode';
import type { RuntimeEventRecord, RuntimeInspection } from '../runtime-backend';
import { mapContainerStatus } from './container-status';

/** Turns the engine's container inspection and log tail into our inspection. */
export function toInspection(info: ContainerInspectInfo, logsTail: string): RuntimeInspection {
  const state = info.State;
  const mapped = mapContainerStatus({
    state: state.Status,
    exitCode: state.ExitCode,
    oomKilled: state.OOMKilled,
  });
  const events = stateEvents(info);
  return {
    ...mapped,
    restartCount: info.RestartCount,
    restartReasons: events.filter((e) => e.reason !== 'Started').map((e) => e.message),
    logsTail,
    events,
    createdAt: info.Created,
    labels: info.Config.Labels ?? {},
  };
}

/**
 * Docker keeps no event history per container, so the events a user needs (start, OOM kill,
 * exit code, engine error) are rebuilt from the container's last state.
 */
function stateEvents(info: ContainerInspectInfo): RuntimeEventRecord[] {
  const s = info.State;
  const events: RuntimeEventRecord[] = [];
  if (isSet(s.StartedAt))
    events.push({ at: s.StartedAt, reason: 'Started', message: 'container started' });
  if (s.OOMKilled)
    events.push({ at: s.FinishedAt, reason: 'OOMKilled', message: 'killed: out of memory' });
  if (s.Status === 'exited' || s.Status === 'dead') {
    events.push({ at: s.FinishedAt, reason: 'Exited', message: `exited with code ${s.ExitCode}` });
  }
  if (s.Error) events.push({ at: s.FinishedAt, reason: 'Error', message: s.Error });
  return events;
}

/** Docker reports "never" as the zero time. */
function isSet(time: string): boolean {
  return time !== '' && !time.startsWith('0001-');
}
