import type { V1ObjectMeta, V1Pod } from '@kubernetes/client-node';
import { LABELS } from '../labels';
import type { OwnedRuntime } from '../runtime-backend';
import type { KubeApi } from './kube-api';
import { toPodStatus, toRuntimeStatus } from './pod-status';
import { leftoverRuntime, ownedRuntime } from './runtime-records';

/**
 * Every runtime of one owner: one per Service (its spec annotation gives the handle), plus one
 * per runtime id found only on a pod or Secret, so leftovers of a cut-short start or stop are
 * listed (as stopped, or by their pod's status) and the sweep removes them.
 */
export async function listOwnedRuntimes(
  api: KubeApi,
  namespace: string,
  selector: string,
): Promise<OwnedRuntime[]> {
  const [services, pods, secrets] = await Promise.all([
    api.listServices(selector),
    api.listPods(selector),
    api.listSecrets(selector),
  ]);
  const podsById = new Map(pods.map((pod) => [runtimeIdOf(pod), pod]));
  const statusOf = (pod: V1Pod | undefined, serviceKept: boolean): OwnedRuntime['status'] =>
    toRuntimeStatus(toPodStatus(pod && (pod.status ?? {})), serviceKept);
  const listed = services.map((service) =>
    ownedRuntime(namespace, service, statusOf(podsById.get(runtimeIdOf(service)), true)),
  );
  const seen = new Set(listed.map((runtime) => runtime.handle.runtimeId));
  for (const object of [...pods, ...secrets]) {
    const runtimeId = runtimeIdOf(object);
    if (runtimeId === '' || seen.has(runtimeId)) continue;
    seen.add(runtimeId);
    listed.push(leftoverRuntime(namespace, object, statusOf(podsById.get(runtimeId), false)));
  }
  return listed;
}

function runtimeIdOf(object: { metadata?: V1ObjectMeta }): string {
  return object.metadata?.labels?.[LABELS.runtimeId] ?? '';
}
