/**
 * Where the API server is. The same shape as runtime-backends' `KubernetesCluster`, so one
 * validated config can feed both; the KubeConfig is built from it in memory, never from a file.
 */
export interface KubernetesBuildCluster {
  server: string;
  token?: string;
  /** Base64 PEM of the cluster CA. */
  caData?: string;
  skipTlsVerify?: boolean;
}

/** Configuration of KubernetesJobPublisher (validated by the app's config service). */
export interface KubernetesJobPublisherOptions {
  cluster: KubernetesBuildCluster;
  namespace: string;
  /** The daemonless builder; must take kaniko's executor flags. */
  builderImage?: string;
  /**
   * The PVC holding the blob store that build-service writes contexts to; mounted read-only
   * into the builder at `mountPath`.
   */
  contextVolume: { claimName: string; mountPath: string };
  /** Path of a context's tar.gz inside the volume, from its `sha256:` digest (the store's layout). */
  contextPath: (digest: string) => string;
  /** Registries spoken to over plain HTTP (`host:port`), for pushes and base image pulls. */
  insecureRegistries?: readonly string[];
  /** Runs the builder under this service account (registry access through workload identity). */
  serviceAccountName?: string;
  /** Requests and limits of the builder container, as Kubernetes quantities (`2`, `4Gi`). */
  resources?: { cpu?: string; memory?: string };
  /** How often the Job's status is read. Default 1000. */
  pollIntervalMs?: number;
  /** The Job is deleted when publish returns; this removes it should the worker die first. Default 3600. */
  ttlSecondsAfterFinished?: number;
}

export const DEFAULT_BUILDER_IMAGE = 'gcr.io/kaniko-project/executor:v1.23.2';
