import type { V1PersistentVolumeClaim, V1Pod, V1Secret, V1Service } from '@kubernetes/client-node';
import { LABELS, MANAGED_BY } from '../labels';
import type { RuntimeSpec } from '../runtime-backend';
import { CONTAINER_NAME, SPEC_ANNOTATION, resourceName } from './names';

/** Labels and annotations shared by every resource of one runtime. */
export interface RuntimeMetadata {
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The spec without its environment: what a Service annotation may hold, and all a pod needs. */
export type KeptSpec = Omit<RuntimeSpec, 'environment'>;

const DEFAULT_WORKSPACE = '/workspace';

/** Base unit per resource factor: requests 500m CPU / 1Gi memory, limits twice that. */
export function resourcesFor(factor: number): {
  requests: Record<string, string>;
  limits: Record<string, string>;
} {
  return {
    requests: { cpu: `${500 * factor}m`, memory: `${factor}Gi` },
    limits: { cpu: `${1000 * factor}m`, memory: `${2 * factor}Gi` },
  };
}

/** The spec minus its environment, which lives only in the runtime's Secret. */
export function keptSpec(spec: RuntimeSpec): KeptSpec {
  const kept: KeptSpec & Partial<Pick<RuntimeSpec, 'environment'>> = { ...spec };
  delete kept.environment;
  return kept;
}

/**
 * The runtime's environment (session key included) as an Opaque Secret, so it never sits in an
 * annotation or the pod spec in clear. Immutable: nothing updates it, and the kubelet need not
 * watch it.
 */
export function secretManifest(spec: RuntimeSpec, meta: RuntimeMetadata): V1Secret {
  const encode = (value: string): string => Buffer.from(value, 'utf8').toString('base64');
  const data = Object.entries(spec.environment).map(([key, value]) => [key, encode(value)]);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: resourceName(spec.runtimeId), ...meta },
    type: 'Opaque',
    immutable: true,
    data: Object.fromEntries(data),
  };
}

/**
 * The runtime's pod; its environment comes from the runtime's Secret (`envFrom`), and
 * `withVolume` mounts the runtime's PVC at its working dir.
 */
export function podManifest(spec: KeptSpec, meta: RuntimeMetadata, withVolume: boolean): V1Pod {
  const name = resourceName(spec.runtimeId);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...meta },
    spec: {
      restartPolicy: 'Always',
      runtimeClassName: spec.runtimeClass,
      securityContext: {
        runAsUser: spec.runAsUser,
        runAsGroup: spec.runAsGroup,
        fsGroup: spec.fsGroup,
      },
      containers: [
        {
          name: CONTAINER_NAME,
          image: spec.image,
          imagePullPolicy: spec.pullPolicy,
          command: spec.command.length > 0 ? [...spec.command] : undefined,
          workingDir: spec.workingDir,
          envFrom: [{ secretRef: { name } }],
          ports: spec.ports.map((port) => ({ containerPort: port, protocol: 'TCP' })),
          resources: resourcesFor(spec.resourceFactor),
          readinessProbe: spec.readiness && {
            httpGet: { path: spec.readiness.path, port: spec.readiness.port },
            periodSeconds: 1,
          },
          volumeMounts: withVolume
            ? [{ name: 'workspace', mountPath: spec.workingDir ?? DEFAULT_WORKSPACE }]
            : undefined,
        },
      ],
      volumes: withVolume
        ? [{ name: 'workspace', persistentVolumeClaim: { claimName: name } }]
        : undefined,
    },
  };
}

/** The ClusterIP service in front of the pod; it also carries the spec (minus env) for resume. */
export function serviceManifest(spec: RuntimeSpec, meta: RuntimeMetadata): V1Service {
  const annotations = { ...meta.annotations, [SPEC_ANNOTATION]: JSON.stringify(keptSpec(spec)) };
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: resourceName(spec.runtimeId), ...meta, annotations },
    spec: {
      type: 'ClusterIP',
      selector: { [LABELS.runtimeId]: spec.runtimeId, [LABELS.managedBy]: MANAGED_BY },
      ports: spec.ports.map((port) => ({ name: `p${port}`, port, targetPort: port })),
    },
  };
}

/** The workspace claim; created with the runtime and deleted by stop (kept by pause). */
export function pvcManifest(
  spec: RuntimeSpec,
  meta: RuntimeMetadata,
  volume: { size: string; storageClassName?: string },
): V1PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: resourceName(spec.runtimeId), ...meta },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: volume.storageClassName,
      resources: { requests: { storage: volume.size } },
    },
  };
}
