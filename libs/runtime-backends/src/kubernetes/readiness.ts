import { RuntimeBackendError } from '../runtime-backend-error';
import type { KubeApi } from './kube-api';
import { CONTAINER_NAME } from './names';
import { isFatalPodStatus } from '@agentrt/contracts';
import { isReady, toPodStatus } from './pod-status';

/** How many log lines a not_ready error carries. */
export const LOG_TAIL_LINES = 100;

export interface ReadinessWait {
  api: KubeApi;
  podName: string;
  timeoutMs: number;
  intervalMs: number;
  now: () => Date;
}

/**
 * Polls the pod until its Ready condition is True (the container's readinessProbe makes that
 * mean "the agent server answers"). Gives up early on a fatal pod status, since a crashing pod
 * will not become ready by itself, and otherwise at the deadline; both with the last log lines.
 */
export async function waitForPodReady(wait: ReadinessWait): Promise<void> {
  const deadline = wait.now().getTime() + wait.timeoutMs;
  let status = 'not found';
  // Bounded: each pass either returns, throws, or sleeps towards the deadline.
  while (wait.now().getTime() < deadline) {
    const pod = await wait.api.readPod(wait.podName);
    const podStatus = toPodStatus(pod && (pod.status ?? {}));
    if (pod?.status && isReady(pod.status)) return;
    status = podStatus;
    if (isFatalPodStatus(podStatus)) break;
    await new Promise((resolve) => setTimeout(resolve, wait.intervalMs));
  }
  const logs = await wait.api.logTail(wait.podName, CONTAINER_NAME, LOG_TAIL_LINES);
  throw new RuntimeBackendError(
    'not_ready',
    `pod ${wait.podName} not ready after ${wait.timeoutMs} ms (pod status: ${status})`,
    logs,
  );
}
