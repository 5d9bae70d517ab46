import type { V1Pod } from '@kubernetes/client-node';
import { RuntimeBackendError } from '../runtime-backend-error';
import { hasStatus, type KubeApi } from './kube-api';

/** How long to keep retrying a pod create while the pod's old incarnation terminates. */
export interface RecreateRetry {
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** About 38 s in all, past the default 30 s termination grace period. */
export const DEFAULT_RECREATE_RETRY: RecreateRetry = {
  attempts: 12,
  initialDelayMs: 250,
  maxDelayMs: 5_000,
};

/**
 * Creates the pod. A 409 AlreadyExists means a pod of that name is there: when it is
 * Terminating (a pause a moment ago), waits with a doubling, capped delay and tries again, a
 * bounded number of times; when it is alive (a concurrent resume made it), that pod will do.
 */
export async function createPodWhenGone(
  api: KubeApi,
  pod: V1Pod,
  retry: RecreateRetry,
): Promise<void> {
  const name = pod.metadata?.name ?? '';
  for (let attempt = 1; ; attempt++) {
    try {
      await api.createPod(pod);
      return;
    } catch (error) {
      if (!hasStatus(error, 409)) throw error;
    }
    const existing = await api.readPod(name);
    if (existing && !existing.metadata?.deletionTimestamp) return;
    if (attempt >= retry.attempts) {
      throw new RuntimeBackendError(
        'start_failed',
        `pod ${name} is still terminating after ${attempt} attempts to recreate it; ` +
          'try again once the old pod is gone',
      );
    }
    const delay = Math.min(retry.initialDelayMs * 2 ** (attempt - 1), retry.maxDelayMs);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
