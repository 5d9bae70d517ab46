import type { KubeConfig, V1Service } from '@kubernetes/client-node';
import { LABELS } from '../labels';
import { RuntimeBackendError } from '../runtime-backend-error';
import type {
  ExecResult,
  OwnedRuntime,
  RuntimeBackend,
  RuntimeHandle,
  RuntimeInspection,
  RuntimeSpec,
} from '../runtime-backend';
import { KubeApi } from './kube-api';
import { buildKubeConfig } from './kube-config';
import { toBackendError } from './kube-errors';
import { execInPod } from './kube-exec';
import { inspection } from './inspect-pod';
import { handleFor, specOf } from './runtime-records';
import type { KubernetesBackendOptions } from './kubernetes-options';
import { createPodWhenGone, DEFAULT_RECREATE_RETRY } from './create-pod';
import { listOwnedRuntimes } from './list-runtimes';
import { podManifest, pvcManifest, secretManifest, serviceManifest } from './manifests';
import type { KeptSpec, RuntimeMetadata } from './manifests';
import { CONTAINER_NAME, metadataFor, ownerSelector, resourceName } from './names';
import { LOG_TAIL_LINES, waitForPodReady } from './readiness';
import { subscribePodStatus, type PodStatusListener } from './status-changes';

export type { PodStatusChange, PodStatusListener } from './status-changes';

const DEFAULT_EXEC_TIMEOUT_MS = 60_000;

/**
 * Runtimes as one Pod, one ClusterIP Service and one Secret (the environment) plus an optional
 * workspace PVC per runtime, all named `agentrt-<runtimeId>` in one namespace. Pause deletes the
 * pod and keeps the rest ("delete-keep-volume"): Kubernetes cannot freeze a pod, and the spec
 * (minus environment) kept in a service annotation lets resume recreate it. Pod status comes
 * from a watch. Not yet run against a real cluster.
 */
export class KubernetesBackend implements RuntimeBackend {
  readonly name = 'kubernetes' as const;
  private readonly config: KubeConfig;
  private readonly api: KubeApi;
  private readonly now: () => Date;

  constructor(private readonly options: KubernetesBackendOptions) {
    this.config = buildKubeConfig(options.cluster);
    this.api = new KubeApi(this.config, options.namespace);
    this.now = options.now ?? (() => new Date());
  }

  async start(spec: RuntimeSpec): Promise<RuntimeHandle> {
    const meta = {
      namespace: this.options.namespace,
      ...metadataFor(this.options.owner, spec, this.now()),
    };
    try {
      await this.api.createSecret(secretManifest(spec, meta));
      if (this.options.workspaceVolume) {
        await this.api.createPvc(pvcManifest(spec, meta, this.options.workspaceVolume));
      }
      await this.api.createService(serviceManifest(spec, meta));
      await this.startPod(spec, meta);
    } catch (error) {
      await this.removeAll(spec.runtimeId);
      throw toBackendError(error, 'start_failed');
    }
    return handleFor(this.options.namespace, spec);
  }

  async stop(handle: RuntimeHandle): Promise<void> {
    try {
      await this.removeAll(handle.runtimeId);
    } catch (error) {
      throw toBackendError(error, 'start_failed');
    }
  }

  async pause(handle: RuntimeHandle): Promise<void> {
    try {
      await this.api.deletePod(resourceName(handle.runtimeId));
    } catch (error) {
      throw toBackendError(error, 'not_found');
    }
  }

  async resume(handle: RuntimeHandle): Promise<RuntimeHandle> {
    const service = await this.readService(handle.runtimeId);
    const spec = specOf(service);
    const meta: RuntimeMetadata = {
      namespace: this.options.namespace,
      labels: service.metadata?.labels ?? {},
      annotations: { [LABELS.createdAt]: service.metadata?.annotations?.[LABELS.createdAt] ?? '' },
    };
    try {
      // A Terminating pod is one a pause just deleted: it counts as gone.
      const current = await this.api.readPod(resourceName(spec.runtimeId));
      if (!current || current.metadata?.deletionTimestamp) await this.startPod(spec, meta);
    } catch (error) {
      throw toBackendError(error, 'start_failed');
    }
    return handleFor(this.options.namespace, spec);
  }

  async inspect(handle: RuntimeHandle): Promise<RuntimeInspection> {
    const name = resourceName(handle.runtimeId);
    try {
      const [pod, service] = await Promise.all([
        this.api.readPod(name),
        this.api.readService(name),
      ]);
      if (!pod) return inspection(pod, service, { logsTail: '', events: [] });
      const [logsTail, events] = await Promise.all([
        this.api.logTail(name, CONTAINER_NAME, LOG_TAIL_LINES),
        this.api.podEvents(name),
      ]);
      return inspection(pod, service, { logsTail, events });
    } catch (error) {
      throw toBackendError(error, 'not_found');
    }
  }

  async list(): Promise<OwnedRuntime[]> {
    const selector = ownerSelector(this.options.owner);
    try {
      return await listOwnedRuntimes(this.api, this.options.namespace, selector);
    } catch (error) {
      throw toBackendError(error, 'backend_unavailable');
    }
  }

  /**
   * Reports each change of an owned runtime's pod status as it happens (a watch on this owner's
   * pods). Returns the function that ends the subscription; call it, or the watch stays open.
   */
  onStatusChange(listener: PodStatusListener): () => void {
    const watch = { labelSelector: ownerSelector(this.options.owner), ...this.watchSettings() };
    return subscribePodStatus(this.api, watch, listener);
  }

  exec(
    handle: RuntimeHandle,
    argv: readonly string[],
    options?: { timeoutMs?: number },
  ): Promise<ExecResult> {
    const target = { namespace: this.options.namespace, pod: handle.ref };
    return execInPod(this.config, target, argv, options?.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS);
  }

  attachCommand(handle: RuntimeHandle, tmuxSession: string): string[] {
    const ns = this.options.namespace;
    return [
      'kubectl',
      'exec',
      '-it',
      '-n',
      ns,
      handle.ref,
      '--',
      'tmux',
      'attach',
      '-t',
      tmuxSession,
    ];
  }

  async ping(): Promise<void> {
    try {
      await this.api.version();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new RuntimeBackendError('backend_unavailable', `Kubernetes API server: ${message}`);
    }
  }

  private async startPod(spec: KeptSpec, meta: RuntimeMetadata): Promise<void> {
    const pod = podManifest(spec, meta, this.options.workspaceVolume !== undefined);
    await createPodWhenGone(this.api, pod, this.options.recreateRetry ?? DEFAULT_RECREATE_RETRY);
    if (!spec.readiness) return;
    const runtimeSelector = `${LABELS.runtimeId}=${spec.runtimeId}`;
    await waitForPodReady({
      api: this.api,
      podName: resourceName(spec.runtimeId),
      labelSelector: `${ownerSelector(this.options.owner)},${runtimeSelector}`,
      timeoutMs: spec.readiness.timeoutMs,
      ...this.watchSettings(),
    });
  }

  private watchSettings(): { pollIntervalMs: number; maxRetries: number } {
    return {
      pollIntervalMs: this.options.pollIntervalMs ?? 500,
      maxRetries: this.options.watchRetries ?? 5,
    };
  }

  /** Deletes pod, service, PVC and Secret; each delete ignores 404, so this is idempotent. */
  private async removeAll(runtimeId: string): Promise<void> {
    const name = resourceName(runtimeId);
    await this.api.deletePod(name);
    await this.api.deleteService(name);
    if (this.options.workspaceVolume) await this.api.deletePvc(name);
    await this.api.deleteSecret(name);
  }

  private async readService(runtimeId: string): Promise<V1Service> {
    let service: V1Service | undefined;
    try {
      service = await this.api.readService(resourceName(runtimeId));
    } catch (error) {
      throw toBackendError(error, 'not_found');
    }
    if (!service) throw new RuntimeBackendError('not_found', `runtime ${runtimeId} is gone`);
    return service;
  }
}
