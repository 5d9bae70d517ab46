import type { PodStatus } from '@agentrt/contracts';
import { LABELS } from '../labels';
import type { KubeApi } from './kube-api';
import { toPodStatus } from './pod-status';
import { PodWatch } from './pod-watch';

/** A runtime's pod moved to a new `pod_status` ('not found' once the pod is deleted). */
export interface PodStatusChange {
  runtimeId: string;
  podStatus: PodStatus;
}

export type PodStatusListener = (change: PodStatusChange) => void;

/**
 * Calls `listener` each time an owned runtime's pod status changes, as the watch reports it.
 * Repeats (a relist after a reconnect reports every pod again) are dropped, so the listener sees
 * transitions only. Returns the function that ends the subscription and closes its watch.
 */
export function subscribePodStatus(
  api: KubeApi,
  watch: { labelSelector: string; pollIntervalMs: number; maxRetries: number },
  listener: PodStatusListener,
): () => void {
  const last = new Map<string, PodStatus>();
  const podWatch = new PodWatch(api, {
    ...watch,
    onUpdate: (update) => {
      const runtimeId = update.labels[LABELS.runtimeId];
      if (!runtimeId) return;
      const podStatus = toPodStatus(update.status);
      if (last.get(runtimeId) === podStatus) return;
      last.set(runtimeId, podStatus);
      try {
        listener({ runtimeId, podStatus });
      } catch {
        // A failing listener must not stop the watch that every later change depends on.
      }
    },
  });
  podWatch.start();
  return () => podWatch.stop();
}
