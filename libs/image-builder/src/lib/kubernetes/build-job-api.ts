import {
  ApiException,
  BatchV1Api,
  CoreV1Api,
  Log,
  type KubeConfig,
  type V1Job,
  type V1Pod,
} from '@kubernetes/client-node';
import type { Writable } from 'node:stream';
import { BUILD_LABEL } from './build-job';

/** Resolves to undefined instead of failing when the object is gone (404). */
async function orMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return undefined;
    throw error;
  }
}

/** The few API calls a build makes, in one namespace. */
export class BuildJobApi {
  private readonly batch: BatchV1Api;
  private readonly core: CoreV1Api;
  private readonly logs: Log;

  constructor(
    config: KubeConfig,
    private readonly namespace: string,
  ) {
    this.batch = config.makeApiClient(BatchV1Api);
    this.core = config.makeApiClient(CoreV1Api);
    this.logs = new Log(config);
  }

  createJob(body: V1Job): Promise<V1Job> {
    return this.batch.createNamespacedJob({ namespace: this.namespace, body });
  }

  readJob(name: string): Promise<V1Job | undefined> {
    return orMissing(this.batch.readNamespacedJob({ name, namespace: this.namespace }));
  }

  /** Background propagation: the garbage collector removes the pod too (batch/v1 would orphan it). */
  async deleteJob(name: string): Promise<void> {
    const request = { name, namespace: this.namespace, propagationPolicy: 'Background' };
    await orMissing(this.batch.deleteNamespacedJob(request));
  }

  /** The build's pod (the Job has at most one, as backoffLimit is 0). */
  async findPod(jobName: string): Promise<V1Pod | undefined> {
    const labelSelector = `${BUILD_LABEL}=${jobName}`;
    const list = await this.core.listNamespacedPod({ namespace: this.namespace, labelSelector });
    return list.items[0];
  }

  /**
   * Streams the container's log into `sink` until the container ends; abort the returned
   * controller to stop early. Fails (400) while the container has not started yet.
   */
  followLog(pod: string, container: string, sink: Writable): Promise<AbortController> {
    return this.logs.log(this.namespace, pod, container, sink, { follow: true });
  }
}
