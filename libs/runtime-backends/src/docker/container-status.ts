import type { PodStatus, RuntimeStatus } from '@agentrt/contracts';

/** The part of a container's state the status mapping needs; our type, not dockerode's. */
export interface ContainerStateSummary {
  /** Docker's state word: created, running, paused, restarting, removing, exited, dead. */
  state: string;
  exitCode: number;
  oomKilled: boolean;
}

export interface MappedStatus {
  status: RuntimeStatus;
  podStatus: PodStatus;
}

/**
 * Maps Docker's container state onto the contract's statuses. A running container is only
 * `running`: whether it is `ready` is the caller's call (it probes the agent server).
 * A paused container reports pod status `pending` (not fatal, so clients keep polling).
 */
export function mapContainerStatus(s: ContainerStateSummary): MappedStatus {
  switch (s.state) {
    case 'created':
      return { status: 'starting', podStatus: 'pending' };
    case 'running':
      return { status: 'running', podStatus: 'running' };
    case 'paused':
      return { status: 'paused', podStatus: 'pending' };
    case 'restarting':
      return { status: 'error', podStatus: 'crashloopbackoff' };
    case 'exited':
      return s.exitCode === 0 && !s.oomKilled
        ? { status: 'stopped', podStatus: 'failed' }
        : { status: 'error', podStatus: 'failed' };
    case 'removing':
      return { status: 'stopped', podStatus: 'failed' };
    default:
      return { status: 'error', podStatus: 'unknown' };
  }
}

/** What a gone container reports. */
export const NOT_FOUND_STATUS: MappedStatus = { status: 'stopped', podStatus: 'not found' };

/** Exit code from `docker ps` status text such as "Exited (137) 2 minutes ago"; 0 when absent. */
export function exitCodeFromStatusText(text: string): number {
  const match = /\((-?\d+)\)/.exec(text);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}
