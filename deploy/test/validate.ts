import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import {
  ConfigMap,
  Namespace,
  PersistentVolume,
  PersistentVolumeClaim,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-models/v1';
import type { K8sObject } from './k8s-object';

/** A kubernetes-models class: built from plain data, `validate()` throws on a schema error. */
type Model = new (data: never) => { validate(): void };

/** Every kind the manifests may hold; anything else is refused rather than left unchecked. */
const MODELS: Record<string, Model> = Object.fromEntries(
  [
    Namespace,
    ServiceAccount,
    ConfigMap,
    Secret,
    Service,
    PersistentVolume,
    PersistentVolumeClaim,
    Deployment,
    StatefulSet,
    PodDisruptionBudget,
    HorizontalPodAutoscaler,
    Ingress,
    NetworkPolicy,
    Role,
    RoleBinding,
  ].map((model) => [`${model.apiVersion}/${model.kind}`, model as unknown as Model]),
);

/** The schema errors of one object, or a refusal of an unknown kind; empty when valid. */
export function schemaErrors(object: K8sObject): string[] {
  const id = `${object.kind}/${object.metadata.name}`;
  const model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!model) return [`${id}: ${object.apiVersion} ${object.kind} is not a known kind`];
  try {
    new model(structuredClone(object) as never).validate();
    return [];
  } catch (error) {
    return [`${id}: ${error instanceof Error ? error.message : String(error)}`];
  }
}
