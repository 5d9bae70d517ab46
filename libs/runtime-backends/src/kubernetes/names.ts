import { LABELS, ownershipLabels } from '../labels';
import type { RuntimeSpec } from '../runtime-backend';

/** Annotation on the Service holding the RuntimeSpec, so resume can recreate a paused pod. */
export const SPEC_ANNOTATION = 'org.agentrt.spec';
/** The container name inside every runtime pod (logs and exec address it). */
export const CONTAINER_NAME = 'runtime';

/** Pod, Service and PVC all share this name. */
export function resourceName(runtimeId: string): string {
  return `agentrt-${runtimeId}`;
}

/**
 * Label values cannot hold ':', so the ISO created-at moves from the labels into an annotation;
 * everything else in `ownershipLabels` is a valid label.
 */
export function metadataFor(
  owner: string,
  spec: RuntimeSpec,
  createdAt: Date,
): { labels: Record<string, string>; annotations: Record<string, string> } {
  const { [LABELS.createdAt]: created = '', ...labels } = ownershipLabels(
    owner,
    spec.runtimeId,
    spec.sessionId,
    createdAt,
  );
  return {
    labels: { ...spec.labels, ...labels },
    annotations: { [LABELS.createdAt]: created },
  };
}

/** The label selector matching every runtime of one owner. */
export function ownerSelector(owner: string): string {
  return `${LABELS.managedBy}=agentrt,${LABELS.owner}=${owner}`;
}
