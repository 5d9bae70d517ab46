import type { V1Service } from '@kubernetes/client-node';
import { LABELS } from '../labels';
import { RuntimeBackendError } from '../runtime-backend-error';
import type { OwnedRuntime, RuntimeHandle, RuntimeSpec } from '../runtime-backend';
import { labelsOf } from './inspect-pod';
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

/** The RuntimeSpec the service carries for resume. */
export function specOf(service: V1Service): RuntimeSpec {
  const raw = service.metadata?.annotations?.[SPEC_ANNOTATION];
  const name = service.metadata?.name ?? '';
  if (!raw) throw new RuntimeBackendError('not_found', `service ${name} has no spec`);
  return JSON.parse(raw) as RuntimeSpec;
}
