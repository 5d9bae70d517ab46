import type { CoreV1Event, V1ObjectMeta, V1Pod, V1Service } from '@kubernetes/client-node';
import { LABELS } from '../labels';
import type { RuntimeEventRecord, RuntimeInspection } from '../runtime-backend';
import { restartsOf, toPodStatus, toRuntimeStatus } from './pod-status';

/** Our record of a Kubernetes event. */
export function toEventRecord(event: CoreV1Event): RuntimeEventRecord {
  const at = event.lastTimestamp ?? event.eventTime ?? event.metadata.creationTimestamp;
  return {
    at: at ? new Date(at).toISOString() : '',
    reason: event.reason ?? '',
    message: event.message ?? '',
  };
}

/** Labels plus the created-at annotation (kept out of labels because values cannot hold ':'). */
export function labelsOf(object: { metadata?: V1ObjectMeta } | undefined): Record<string, string> {
  const createdAt = object?.metadata?.annotations?.[LABELS.createdAt];
  const labels = { ...(object?.metadata?.labels ?? {}) };
  return createdAt ? { ...labels, [LABELS.createdAt]: createdAt } : labels;
}

/** The inspection of a runtime from its (possibly missing) pod and service. */
export function inspection(
  pod: V1Pod | undefined,
  service: V1Service | undefined,
  diagnostics: { logsTail: string; events: CoreV1Event[] },
): RuntimeInspection {
  const podStatus = toPodStatus(pod && (pod.status ?? {}));
  const restarts = restartsOf(pod?.status);
  const labels = labelsOf(pod ?? service);
  return {
    status: toRuntimeStatus(podStatus, service !== undefined),
    podStatus,
    restartCount: restarts.count,
    restartReasons: restarts.reasons,
    logsTail: diagnostics.logsTail,
    events: diagnostics.events.map(toEventRecord),
    createdAt: labels[LABELS.createdAt] ?? '',
    labels,
  };
}
