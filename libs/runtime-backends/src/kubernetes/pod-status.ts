import type { PodStatus, RuntimeStatus } from '@agentrt/contracts';

/** The part of a pod's status the mapping reads; our type, so the mapping stays a pure function. */
export interface PodState {
  phase?: string;
  conditions?: readonly { type: string; status: string }[];
  containerStatuses?: readonly {
    restartCount?: number;
    state?: { waiting?: { reason?: string } };
    lastState?: { terminated?: { reason?: string } };
  }[];
}

/** Maps a pod (undefined when the API answered 404) onto the contract's `pod_status`. */
export function toPodStatus(pod: PodState | undefined): PodStatus {
  if (!pod) return 'not found';
  const crashing = pod.containerStatuses?.some(
    (c) => c.state?.waiting?.reason === 'CrashLoopBackOff',
  );
  if (crashing) return 'crashloopbackoff';
  switch (pod.phase) {
    case 'Pending':
      return 'pending';
    case 'Running':
      return isReady(pod) ? 'ready' : 'running';
    case 'Failed':
      return 'failed';
    // A pod that ran to completion no longer serves anything, which clients must treat as fatal.
    case 'Succeeded':
      return 'failed';
    case undefined:
    default:
      return 'unknown';
  }
}

/** True when the pod's Ready condition is True. */
export function isReady(pod: PodState): boolean {
  return pod.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Our lifecycle status for a pod status; `serviceKept` tells a paused runtime from a gone one. */
export function toRuntimeStatus(podStatus: PodStatus, serviceKept: boolean): RuntimeStatus {
  switch (podStatus) {
    case 'ready':
      return 'running';
    case 'pending':
    case 'running':
      return 'starting';
    case 'failed':
    case 'crashloopbackoff':
    case 'unknown':
      return 'error';
    case 'not found':
      return serviceKept ? 'paused' : 'stopped';
  }
}

/** Total restarts and the reasons of the containers' last terminations. */
export function restartsOf(pod: PodState | undefined): { count: number; reasons: string[] } {
  const statuses = pod?.containerStatuses ?? [];
  const count = statuses.reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
  const reasons = statuses.flatMap((c) => c.lastState?.terminated?.reason ?? []);
  return { count, reasons };
}
