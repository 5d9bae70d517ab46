import type { V1Container, V1Job } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { PublishRequest } from '../publisher';
import {
  DEFAULT_BUILDER_IMAGE,
  type KubernetesJobPublisherOptions,
} from './kubernetes-publisher-options';

/** The builder's one container; logs and the termination message are read from it. */
export const BUILDER_CONTAINER = 'builder';
/** Label on the Job and its pod naming the build; pods are found by it. */
export const BUILD_LABEL = 'agentrt.dev/build';
const CONTEXT_VOLUME = 'context';
// The kubelet copies this file into the terminated state's message, so the digest comes back
// through the API without a sidecar or a shared volume.
const TERMINATION_LOG = '/dev/termination-log';
const DEFAULT_TTL_SECONDS = 3600;

/** `agentrt-build-<12 hex of the digest>-<5 random>`: a valid DNS-1123 label, unique per build. */
export function jobNameFor(digest: string): string {
  const hex = digest.replace(/^sha256:/, '').replace(/[^a-z0-9]/g, '');
  const suffix = randomBytes(4).toString('hex').slice(0, 5);
  return `agentrt-build-${hex.slice(0, 12)}-${suffix}`;
}

/** The executor's flags, one argv entry each (`--flag=value`, so no value can become a flag). */
export function builderArgs(
  request: PublishRequest,
  options: KubernetesJobPublisherOptions,
): string[] {
  const { mountPath } = options.contextVolume;
  const tarball = posix.join(mountPath, options.contextPath(request.context.digest));
  const pairs = (flag: string, entries: Readonly<Record<string, string>> = {}): string[] =>
    Object.entries(entries).map(([key, value]) => `--${flag}=${key}=${value}`);
  return [
    `--context=tar://${tarball}`,
    `--dockerfile=${request.dockerfile ?? 'Dockerfile'}`,
    ...(request.target ? [`--target=${request.target}`] : []),
    ...pairs('build-arg', request.buildArgs),
    ...pairs('label', request.labels),
    ...request.tags.map((tag) => `--destination=${tag}`),
    ...(options.insecureRegistries ?? []).map((registry) => `--insecure-registry=${registry}`),
    `--digest-file=${TERMINATION_LOG}`,
  ];
}

/**
 * One Job per build: no retries (a failed Dockerfile fails again), a deadline matching the
 * build's timeout, and a TTL in case the worker dies before deleting it. The builder runs the
 * user's RUN steps in its own container, so it gets no API token and no service links.
 */
export function buildJobManifest(
  name: string,
  request: PublishRequest,
  options: KubernetesJobPublisherOptions,
): V1Job {
  const labels = { 'app.kubernetes.io/managed-by': 'agentrt', [BUILD_LABEL]: name };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, labels },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: Math.max(1, Math.ceil(request.timeoutMs / 1000)),
      ttlSecondsAfterFinished: options.ttlSecondsAfterFinished ?? DEFAULT_TTL_SECONDS,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          ...(options.serviceAccountName ? { serviceAccountName: options.serviceAccountName } : {}),
          containers: [builderContainer(request, options)],
          volumes: [
            {
              name: CONTEXT_VOLUME,
              persistentVolumeClaim: { claimName: options.contextVolume.claimName, readOnly: true },
            },
          ],
        },
      },
    },
  };
}

function builderContainer(
  request: PublishRequest,
  options: KubernetesJobPublisherOptions,
): V1Container {
  const { cpu, memory } = options.resources ?? {};
  const quantities = { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) };
  return {
    name: BUILDER_CONTAINER,
    image: options.builderImage ?? DEFAULT_BUILDER_IMAGE,
    args: builderArgs(request, options),
    volumeMounts: [
      { name: CONTEXT_VOLUME, mountPath: options.contextVolume.mountPath, readOnly: true },
    ],
    terminationMessagePath: TERMINATION_LOG,
    // On a failure the digest file is empty; the kubelet then keeps the log's tail instead.
    terminationMessagePolicy: 'FallbackToLogsOnError',
    ...(Object.keys(quantities).length > 0
      ? { resources: { requests: quantities, limits: quantities } }
      : {}),
  };
}
