import type { V1ObjectMeta, V1Service } from '@kubernetes/client-node';
import { LABELS } from '../labels';
import { RuntimeBackendError } from '../runtime-backend-error';
import type { OwnedRuntime, RuntimeHandle, RuntimeSpec } from '../runtime-backend';
import { labelsOf } from './inspect-pod';
import type { KeptSpec } from './manifests';
import { SPEC_ANNOTATION, resourceName } from './names';

/** The handle of a runtime; endpoints use cluster DNS names of its Service. */
export function handleFor(
  namespace: string,
  spec: Pick<RuntimeSpec, 'runtimeId' | 'ports'>,
): RuntimeHandle {
  const name = resourceName(spec.runtimeId);
  const host = `${name}.${namespace}.svc`;
  const endpoints = Object.fromEntries(spec.ports.map((port) => [port, `http://${host}:${port}`]));
  return { backend: 'kubernetes', runtimeId: spec.runtimeId, ref: name, endpoints };
}

/** A listed runtime, read from its Service (which outlives the pod across a pause). */
export function ownedRuntime(
  namespace: string,
  service: V1Service,
  status: OwnedRuntime['status'],
): OwnedRuntime {
  const spec = specOf(service);
  const labels = labelsOf(service);
  const createdAt = labels[LABELS.createdAt] ?? '';
  const handle = handleFor(namespace, spec);
  return { handle, sessionId: spec.sessionId, status, createdAt, labels };
}

/**
 * A listed runtime that lost its Service (a start or stop cut short left a Secret or pod): known
 * from labels only, without endpoints, so the sweep can still find and remove it.
 */
export function leftoverRuntime(
  namespace: string,
  object: { metadata?: V1ObjectMeta },
  status: OwnedRuntime['status'],
): OwnedRuntime {
  const labels = labelsOf(object);
  const runtimeId = labels[LABELS.runtimeId] ?? '';
  const handle = handleFor(namespace, { runtimeId, ports: [] });
  const sessionId = labels[LABELS.sessionId] ?? '';
  return { handle, sessionId, status, createdAt: labels[LABELS.createdAt] ?? '', labels };
}

/** The RuntimeSpec (without environment, which stays in the Secret) the service keeps for resume. */
export function specOf(service: V1Service): KeptSpec {
  const raw = service.metadata?.annotations?.[SPEC_ANNOTATION];
  const name = service.metadata?.name ?? '';
  if (!raw) throw new RuntimeBackendError('not_found', `service ${name} has no spec`);
  return JSON.parse(raw) as KeptSpec;
}
