import { z } from 'zod';

/** `status` of a runtime object: our lifecycle state of the runtime. */
export const RuntimeStatusSchema = z
  .enum(['starting', 'running', 'paused', 'stopped', 'error'])
  .meta({ id: 'RuntimeStatus' });
export type RuntimeStatus = z.infer<typeof RuntimeStatusSchema>;

/**
 * `pod_status` of a runtime object, named after Kubernetes pod phases because OpenHands clients
 * poll on it; every backend (local, docker, kubernetes) maps its own state onto these values.
 * `not found` (with a space) is what `/runtime/{id}` answers for an unknown id.
 */
export const PodStatusSchema = z
  .enum(['pending', 'running', 'ready', 'failed', 'crashloopbackoff', 'unknown', 'not found'])
  .meta({ id: 'PodStatus' });
export type PodStatus = z.infer<typeof PodStatusSchema>;

/**
 * Pod statuses on which OpenHands clients give up instead of polling again; reporting one of
 * these ends the client's wait, so report them only when the runtime cannot come up by itself.
 */
export const FATAL_POD_STATUSES: ReadonlySet<PodStatus> = new Set<PodStatus>([
  'failed',
  'unknown',
  'crashloopbackoff',
]);

/** True when clients treat this pod status as fatal (see {@link FATAL_POD_STATUSES}). */
export function isFatalPodStatus(status: PodStatus): boolean {
  return FATAL_POD_STATUSES.has(status);
}
