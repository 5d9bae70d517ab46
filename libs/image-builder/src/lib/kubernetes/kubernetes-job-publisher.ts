import { createAbortScope } from '../abort-scope';
import { ImageBuildError } from '../image-build-error';
import type { ImagePublisher, PublishRequest, PublishResult } from '../publisher';
import { abortable, within } from './abortable';
import { buildJobManifest, jobNameFor } from './build-job';
import { BuildJobApi } from './build-job-api';
import { BuildRun } from './build-run';
import { toBuildError } from './kube-build-errors';
import { buildKubeConfig } from './kube-config';
import type { KubernetesJobPublisherOptions } from './kubernetes-publisher-options';

const DEFAULT_POLL_INTERVAL_MS = 1_000;
// Cleanup must not hang publish when the API server does; the Job's TTL and deadline remain.
const DELETE_WAIT_MS = 10_000;

/**
 * Builds and pushes an image as a Kubernetes Job running a daemonless builder (kaniko's
 * executor by default): the context's tar.gz reaches the builder through the blob store's PVC,
 * the log streams into `onLog`, and the pushed digest comes back as the container's termination
 * message. The Job is deleted (with its pod) however publish ends. Throws ImageBuildError only.
 */
export class KubernetesJobPublisher implements ImagePublisher {
  private readonly api: BuildJobApi;

  constructor(private readonly options: KubernetesJobPublisherOptions) {
    this.api = new BuildJobApi(buildKubeConfig(options.cluster), options.namespace);
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    const [image] = request.tags;
    if (image === undefined) throw new ImageBuildError('build_failed', 'a build needs a tag');
    const scope = createAbortScope(request.timeoutMs, request.signal);
    const name = jobNameFor(request.context.digest);
    const interval = this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    const run = new BuildRun(this.api, name, request.onLog, scope.signal, interval);
    try {
      if (scope.signal.aborted) throw scope.signal.reason;
      const manifest = buildJobManifest(name, request, this.options);
      await abortable(this.api.createJob(manifest), scope.signal);
      return { image, imageDigest: await run.untilDone() };
    } catch (error) {
      throw toBuildError(error, scope, request.timeoutMs);
    } finally {
      scope.dispose();
      run.stop();
      // Also after a failed create: the request may have reached the API server regardless.
      await within(this.api.deleteJob(name), DELETE_WAIT_MS);
    }
  }
}
