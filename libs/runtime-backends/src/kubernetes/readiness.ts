import { isFatalPodStatus, type PodStatus } from '@agentrt/contracts';
import { RuntimeBackendError } from '../runtime-backend-error';
import type { KubeApi } from './kube-api';
import { CONTAINER_NAME } from './names';
import { isReady, toPodStatus } from './pod-status';
import { PodWatch } from './pod-watch';

/** How many log lines a not_ready error carries. */
export const LOG_TAIL_LINES = 100;

export interface ReadinessWait {
  api: KubeApi;
  podName: string;
  /** Selects the runtime's pod by its ownership labels (the watch is on the pods collection). */
  labelSelector: string;
  timeoutMs: number;
  pollIntervalMs: number;
  maxRetries: number;
}

/**
 * Waits until the pod's Ready condition is True (the container's readinessProbe makes that mean
 * "the agent server answers"), following the pod with a watch rather than polling it. Gives up
 * early on a fatal pod status, since a crashing pod will not become ready by itself, and
 * otherwise at the deadline; both with the last log lines.
 */
export async function waitForPodReady(wait: ReadinessWait): Promise<void> {
  const outcome = await watchUntilSettled(wait);
  if (outcome.ready) return;
  const logs = await wait.api.logTail(wait.podName, CONTAINER_NAME, LOG_TAIL_LINES);
  const apiError = outcome.lastError ? `; last API error: ${outcome.lastError}` : '';
  throw new RuntimeBackendError(
    'not_ready',
    `pod ${wait.podName} not ready after ${wait.timeoutMs} ms (pod status: ${outcome.status}${apiError})`,
    logs,
  );
}

interface Settled {
  ready: boolean;
  status: PodStatus;
  lastError: string | undefined;
}

function watchUntilSettled(wait: ReadinessWait): Promise<Settled> {
  return new Promise((resolve) => {
    let status: PodStatus = 'not found';
    let settle: (ready: boolean) => void = () => undefined;
    const watch = new PodWatch(wait.api, {
      labelSelector: wait.labelSelector,
      pollIntervalMs: wait.pollIntervalMs,
      maxRetries: wait.maxRetries,
      onUpdate: (update) => {
        if (update.name !== wait.podName) return;
        status = toPodStatus(update.status);
        if (update.status && isReady(update.status)) settle(true);
        else if (isFatalPodStatus(status)) settle(false);
      },
    });
    const timer = setTimeout(() => settle(false), wait.timeoutMs);
    settle = (ready) => {
      clearTimeout(timer);
      watch.stop();
      resolve({ ready, status, lastError: watch.lastError });
    };
    watch.start();
  });
}
