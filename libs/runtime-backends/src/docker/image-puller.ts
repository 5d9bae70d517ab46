import type { RuntimeSpec } from '../runtime-backend';
import { RuntimeBackendError } from '../runtime-backend-error';
import { isNotFound, messageOf } from './docker-errors';

/** The slice of the engine client image handling needs; Dockerode satisfies it, tests fake it. */
export interface ImageClient {
  getImage(name: string): { inspect(): Promise<unknown> };
  pull(repoTag: string): Promise<NodeJS.ReadableStream>;
  modem: {
    followProgress(stream: NodeJS.ReadableStream, onFinished: (error: Error | null) => void): void;
  };
}

/** Makes sure `spec.image` is present, pulling only as `spec.pullPolicy` allows. */
export async function ensureImage(docker: ImageClient, spec: RuntimeSpec): Promise<void> {
  const { image, pullPolicy } = spec;
  if (pullPolicy === 'Always') return pull(docker, image);
  if (await imagePresent(docker, image)) return;
  if (pullPolicy === 'IfNotPresent') return pull(docker, image);
  throw new RuntimeBackendError(
    'image_not_found',
    `image ${image} is not present on the Docker engine and the pull policy is Never`,
  );
}

async function imagePresent(docker: ImageClient, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** A pull reports some failures only in its progress stream, so the whole stream is followed. */
async function pull(docker: ImageClient, image: string): Promise<void> {
  try {
    const stream = await docker.pull(image);
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (error: Error | null) =>
        error ? reject(error) : resolve(),
      );
    });
  } catch (error) {
    throw new RuntimeBackendError(
      'image_not_found',
      `could not pull image ${image}: ${messageOf(error)}`,
    );
  }
}
