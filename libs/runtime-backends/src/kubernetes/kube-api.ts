import {
  ApiException,
  CoreV1Api,
  VersionApi,
  Watch,
  type CoreV1Event,
  type KubeConfig,
  type V1PersistentVolumeClaim,
  type V1Pod,
  type V1Secret,
  type V1Service,
} from '@kubernetes/client-node';

/** True for the client's error carrying this HTTP status. */
export function hasStatus(error: unknown, code: number): boolean {
  return error instanceof ApiException && error.code === code;
}

/** Resolves to undefined instead of failing when the object is gone (404). */
async function orMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}

/**
 * The few API calls the backend makes, in one namespace; reads answer undefined for 404 and
 * deletes ignore 404, which is what makes stop idempotent.
 */
export class KubeApi {
  private readonly core: CoreV1Api;
  private readonly versions: VersionApi;
  private readonly watcher: Watch;

  constructor(
    config: KubeConfig,
    private readonly namespace: string,
  ) {
    this.core = config.makeApiClient(CoreV1Api);
    this.versions = config.makeApiClient(VersionApi);
    this.watcher = new Watch(config);
  }

  /**
   * Opens `GET .../pods?watch=true`: `onEvent` gets each watch event, `onDone` the end of the
   * stream (null for a clean close, an error when it failed or could not open). Abort the
   * returned controller to close it.
   */
  watchPods(
    query: { labelSelector: string; resourceVersion?: string },
    onEvent: (type: string, object: unknown) => void,
    onDone: (error: unknown) => void,
  ): Promise<AbortController> {
    const path = `/api/v1/namespaces/${this.namespace}/pods`;
    return this.watcher.watch(path, query, onEvent, onDone);
  }

  async version(): Promise<string> {
    return (await this.versions.getCode()).gitVersion;
  }

  createPod(body: V1Pod): Promise<V1Pod> {
    return this.core.createNamespacedPod({ namespace: this.namespace, body });
  }

  createService(body: V1Service): Promise<V1Service> {
    return this.core.createNamespacedService({ namespace: this.namespace, body });
  }

  createSecret(body: V1Secret): Promise<V1Secret> {
    return this.core.createNamespacedSecret({ namespace: this.namespace, body });
  }

  createPvc(body: V1PersistentVolumeClaim): Promise<V1PersistentVolumeClaim> {
    return this.core.createNamespacedPersistentVolumeClaim({ namespace: this.namespace, body });
  }

  readPod(name: string): Promise<V1Pod | undefined> {
    return orMissing(this.core.readNamespacedPod({ name, namespace: this.namespace }));
  }

  readService(name: string): Promise<V1Service | undefined> {
    return orMissing(this.core.readNamespacedService({ name, namespace: this.namespace }));
  }

  async deletePod(name: string): Promise<void> {
    await orMissing(this.core.deleteNamespacedPod({ name, namespace: this.namespace }));
  }

  async deleteService(name: string): Promise<void> {
    await orMissing(this.core.deleteNamespacedService({ name, namespace: this.namespace }));
  }

  async deleteSecret(name: string): Promise<void> {
    await orMissing(this.core.deleteNamespacedSecret({ name, namespace: this.namespace }));
  }

  async deletePvc(name: string): Promise<void> {
    const namespace = this.namespace;
    await orMissing(this.core.deleteNamespacedPersistentVolumeClaim({ name, namespace }));
  }

  async listPods(labelSelector: string): Promise<V1Pod[]> {
    return (await this.listPodsAt(labelSelector)).items;
  }

  /** The pods and the list's resourceVersion, from which a watch continues without a gap. */
  async listPodsAt(labelSelector: string): Promise<{ items: V1Pod[]; resourceVersion: string }> {
    const list = await this.core.listNamespacedPod({ namespace: this.namespace, labelSelector });
    return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
  }

  async listSecrets(labelSelector: string): Promise<V1Secret[]> {
    const namespace = this.namespace;
    return (await this.core.listNamespacedSecret({ namespace, labelSelector })).items;
  }

  async listServices(labelSelector: string): Promise<V1Service[]> {
    const namespace = this.namespace;
    return (await this.core.listNamespacedService({ namespace, labelSelector })).items;
  }

  /** The last lines of the pod's log; empty when the pod or its container is not there yet. */
  async logTail(name: string, container: string, tailLines: number): Promise<string> {
    const request = { name, namespace: this.namespace, container, tailLines };
    try {
      return await this.core.readNamespacedPodLog(request);
    } catch (error) {
      if (hasStatus(error, 404) || hasStatus(error, 400)) return '';
      throw error;
    }
  }

  /** Events whose involvedObject is the pod. */
  async podEvents(name: string): Promise<CoreV1Event[]> {
    const fieldSelector = `involvedObject.kind=Pod,involvedObject.name=${name}`;
    const namespace = this.namespace;
    return (await this.core.listNamespacedEvent({ namespace, fieldSelector })).items;
  }
}
