import { DockerImageBuilder } from './docker-image-builder';
import { ImageBuildError } from './image-build-error';
import type { ImagePublisher, PublishRequest, PublishResult } from './publisher';

export interface DockerImagePublisherOptions {
  builder: DockerImageBuilder;
  /** Network of RUN steps for every build (operator setting); the engine's default if unset. */
  networkMode?: string;
  /** Remove the local image once pushed, so the engine's disk does not fill with build results. */
  removeAfterPush?: boolean;
}

/** Builds on a Docker engine, then pushes every tag to its registry. */
export class DockerImagePublisher implements ImagePublisher {
  constructor(private readonly options: DockerImagePublisherOptions) {}

  async publish(request: PublishRequest): Promise<PublishResult> {
    const { builder } = this.options;
    const deadline = Date.now() + request.timeoutMs;
    const built = await builder.build({
      context: await request.context.open(),
      dockerfile: request.dockerfile,
      target: request.target,
      buildArgs: request.buildArgs,
      tags: request.tags,
      labels: request.labels,
      networkMode: this.options.networkMode,
      timeoutMs: request.timeoutMs,
      signal: request.signal,
      onLog: request.onLog,
    });
    let imageDigest = '';
    for (const tag of request.tags) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new ImageBuildError(
          'timeout',
          `build and push did not finish within ${request.timeoutMs} ms`,
        );
      }
      const pushed = await builder.push(tag, {
        onLog: request.onLog,
        signal: request.signal,
        timeoutMs: remaining,
      });
      if (imageDigest === '') imageDigest = pushed.digest;
    }
    if (this.options.removeAfterPush) {
      for (const tag of request.tags) await builder.remove(tag);
    }
    return { image: request.tags[0] ?? '', imageDigest, sizeBytes: built.sizeBytes };
  }
}
