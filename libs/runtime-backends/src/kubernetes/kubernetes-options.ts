/** Where the API server is; the KubeConfig is built from this, never read from a file or env. */
export interface KubernetesCluster {
  server: string;
  token?: string;
  /** Base64 PEM of the cluster CA. */
  caData?: string;
  skipTlsVerify?: boolean;
}

/** Configuration of the Kubernetes backend (validated by the app's config service). */
export interface KubernetesBackendOptions {
  cluster: KubernetesCluster;
  namespace: string;
  /** Ownership label value isolating this deployment's runtimes (see labels.ts). */
  owner: string;
  /** When set, each runtime gets a PVC of this size mounted at its working dir (or /workspace). */
  workspaceVolume?: { size: string; storageClassName?: string };
  /**
   * Pod status comes from a watch; this is the base delay between watch reconnects and the
   * interval of the fallback poll once the watch is given up. Default 500.
   */
  pollIntervalMs?: number;
  /** Consecutive failures to (re)open a pod watch before falling back to polling. Default 5. */
  watchRetries?: number;
  /** Retries of a pod create while the old pod terminates (resume right after pause). */
  recreateRetry?: { attempts: number; initialDelayMs: number; maxDelayMs: number };
  /** Injected for tests; defaults to Date. */
  now?: () => Date;
}
