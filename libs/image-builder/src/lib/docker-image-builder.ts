import Dockerode from 'dockerode';
import { createAbortScope, type AbortScope } from './abort-scope';
import { EngineStreamParser, readEngineStream } from './engine-stream';
import { ImageBuildError, errorMessage, errorStatus } from './image-build-error';
import { splitImageRef } from './image-ref';
import type { BuildRequest, BuildResult, PushOptions, PushResult } from './types';

export interface DockerImageBuilderOptions {
  /** A unix socket path (e.g. `/var/run/docker.sock`) or an existing client. */
  docker: string | Dockerode;
}

// Registry refusals that a retry will not change; anything else (network, 5xx) may pass later.
const PERMANENT_PUSH =
  /denied|unauthori[sz]ed|forbidden|authentication required|name invalid|manifest invalid|unsupported|does not exist|no such image/i;

/** Builds images from a tar.gz context on a Docker engine and pushes them to a registry. */
export class DockerImageBuilder {
  private readonly docker: Dockerode;

  constructor({ docker }: DockerImageBuilderOptions) {
    this.docker = typeof docker === 'string' ? new Dockerode({ socketPath: docker }) : docker;
  }

  /** Builds with the classic builder; resolves once every tag points at the new image. */
  async build(request: BuildRequest): Promise<BuildResult> {
    const [firstTag, ...moreTags] = request.tags;
    if (firstTag === undefined) {
      request.context.destroy();
      throw new ImageBuildError('build_failed', 'a build needs at least one tag');
    }
    const scope = createAbortScope(request.timeoutMs, request.signal);
    try {
      const imageId = await this.runBuild(request, firstTag, scope);
      for (const tag of moreTags) await this.tag(imageId, tag);
      const inspected = await this.docker.getImage(imageId).inspect();
      return { imageId: inspected.Id, sizeBytes: inspected.Size };
    } catch (error) {
      request.context.destroy();
      throw toImageBuildError(error, scope, `build did not finish within ${request.timeoutMs} ms`);
    } finally {
      scope.dispose();
    }
  }

  /** Pushes one tag (`registry/repo:tag`) and returns the manifest digest the registry stored. */
  async push(ref: string, options: PushOptions): Promise<PushResult> {
    const { repo, tag } = splitImageRef(ref);
    const scope = createAbortScope(options.timeoutMs, options.signal);
    try {
      throwIfStopped(scope);
      // An empty auth header: loopback/insecure registries need none, but newer engines insist on one.
      const stream = await this.docker
        .getImage(repo)
        .push({ tag, authconfig: {}, abortSignal: scope.signal });
      const parser = new EngineStreamParser(options.onLog);
      const outcome = await readEngineStream(stream, parser, scope.signal);
      if (outcome.error !== undefined) throw pushFailed(`push of ${ref} failed: ${outcome.error}`);
      if (outcome.digest === undefined) throw pushFailed(`push of ${ref} reported no digest`);
      return { digest: outcome.digest };
    } catch (error) {
      if (errorStatus(error) === 404) throw pushFailed(`push of ${ref}: no such local image`);
      throw toImageBuildError(error, scope, `push did not finish within ${options.timeoutMs} ms`);
    } finally {
      scope.dispose();
    }
  }

  /** Removes a local image or tag; a missing one is not an error (cleanup must be repeatable). */
  async remove(imageRef: string): Promise<void> {
    try {
      await this.docker.getImage(imageRef).remove({ force: true });
    } catch (error) {
      if (errorStatus(error) !== 404) throw toImageBuildError(error);
    }
  }

  private async runBuild(request: BuildRequest, tag: string, scope: AbortScope): Promise<string> {
    throwIfStopped(scope);
    const stream = await this.docker.buildImage(request.context, {
      t: tag,
      dockerfile: request.dockerfile,
      target: request.target,
      buildargs: { ...request.buildArgs },
      labels: { ...request.labels },
      networkmode: request.networkMode,
      // Intermediate containers go even when a step fails or the request is aborted.
      rm: true,
      forcerm: true,
      // The classic builder streams `aux.ID` and needs no session; BuildKit would need both.
      version: '1',
      abortSignal: scope.signal,
    });
    const parser = new EngineStreamParser(request.onLog);
    const outcome = await readEngineStream(stream, parser, scope.signal);
    if (outcome.error !== undefined) {
      const step = outcome.lastStep === undefined ? '' : `${outcome.lastStep}: `;
      throw new ImageBuildError('build_failed', `${step}${outcome.error}`);
    }
    return outcome.imageId ?? (await this.docker.getImage(tag).inspect()).Id;
  }

  private async tag(imageId: string, ref: string): Promise<void> {
    const { repo, tag } = splitImageRef(ref);
    await this.docker.getImage(imageId).tag({ repo, tag });
  }
}

function pushFailed(message: string): ImageBuildError {
  return new ImageBuildError('push_failed', message, !PERMANENT_PUSH.test(message));
}

function throwIfStopped(scope: AbortScope): void {
  if (scope.signal.aborted) throw new Error('aborted before start');
}

/** Maps whatever went wrong to our error kinds; a stop on our side wins over its side effects. */
function toImageBuildError(
  error: unknown,
  scope?: AbortScope,
  timeoutMessage = '',
): ImageBuildError {
  const reason = scope?.reason();
  if (reason === 'timeout') return new ImageBuildError('timeout', timeoutMessage);
  if (reason === 'cancelled') return new ImageBuildError('cancelled', 'cancelled by the caller');
  if (error instanceof ImageBuildError) return error;
  const status = errorStatus(error);
  if (status === undefined || status >= 502) {
    return new ImageBuildError('engine_unavailable', `Docker engine: ${errorMessage(error)}`);
  }
  // The engine answered and refused (bad Dockerfile, unknown target, missing file): permanent.
  return new ImageBuildError('build_failed', errorMessage(error));
}
