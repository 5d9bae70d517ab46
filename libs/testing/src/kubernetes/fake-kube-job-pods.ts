import { randomBytes } from 'node:crypto';
import type { KubeObject } from './fake-kube-store';

interface JobShape {
  spec?: {
    template?: { metadata?: { labels?: Record<string, string> }; spec?: unknown };
  };
}

interface PodShape {
  spec?: { containers?: { name?: string; image?: string; terminationMessagePolicy?: string }[] };
}

/**
 * The pod the job controller makes for a Job: `<job>-<5 random>`, the template's labels plus
 * the controller's `job-name` labels, the template's spec, and an ownerReference to the Job.
 */
export function podForJob(job: KubeObject): KubeObject {
  const { name, uid } = job.metadata;
  const template = (job as JobShape).spec?.template;
  const controllerLabels = { 'batch.kubernetes.io/job-name': name, 'job-name': name };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${name}-${randomBytes(3).toString('hex').slice(0, 5)}`,
      labels: { ...template?.metadata?.labels, ...controllerLabels },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name, uid, controller: true }],
      creationTimestamp: new Date().toISOString(),
    },
    spec: template?.spec,
    status: { phase: 'Pending' },
  };
}

/** The Job that owns the pod, if one does (orphaned pods have none). */
export function ownerOf(pod: KubeObject): string | undefined {
  const owners = pod.metadata.ownerReferences as { kind: string; name: string }[] | undefined;
  return owners?.find((o) => o.kind === 'Job')?.name;
}

/** The pod with every container in one state, as the kubelet reports it. */
export function withContainerState(pod: KubeObject, phase: string, state: object): KubeObject {
  const containerStatuses = ((pod as PodShape).spec?.containers ?? []).map((c) => ({
    name: c.name,
    image: c.image,
    ready: phase === 'Running',
    restartCount: 0,
    state,
  }));
  return { ...pod, status: { phase, containerStatuses } };
}

/**
 * The kubelet's FallbackToLogsOnError: a failed container that wrote no termination message
 * gets the tail of its log instead (at most 80 lines and 2 KiB).
 */
export function fallbackMessage(
  pod: KubeObject,
  exitCode: number,
  log: string,
): string | undefined {
  const policy = (pod as PodShape).spec?.containers?.[0]?.terminationMessagePolicy;
  if (exitCode === 0 || policy !== 'FallbackToLogsOnError') return undefined;
  const tail = log.split('\n').slice(-81).join('\n');
  return tail.slice(-2048) || undefined;
}
