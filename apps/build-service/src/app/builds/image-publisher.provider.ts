import { existsSync, readFileSync } from 'node:fs';
import { contextPathInDataDir } from '@agentrt/blob-store';
import {
  DockerImageBuilder,
  DockerImagePublisher,
  type ImagePublisher,
  KubernetesJobPublisher,
} from '@agentrt/image-builder';
import type { Provider } from '@nestjs/common';
import { BUILD_SERVICE_CONFIG, type BuildServiceConfig } from '../config/build-service.config';

export const IMAGE_PUBLISHER = Symbol('IMAGE_PUBLISHER');

/** Builds through the Docker engine, or (BUILD_MODE=kubernetes) as Kubernetes Jobs. */
export const imagePublisherProvider: Provider = {
  provide: IMAGE_PUBLISHER,
  inject: [BUILD_SERVICE_CONFIG],
  useFactory: (config: BuildServiceConfig): ImagePublisher =>
    config.BUILD_MODE === 'kubernetes' ? kubernetesPublisher(config) : dockerPublisher(config),
};

function dockerPublisher(config: BuildServiceConfig): ImagePublisher {
  return new DockerImagePublisher({
    builder: new DockerImageBuilder({ docker: config.DOCKER_SOCKET }),
    networkMode: config.BUILD_NETWORK_MODE,
    removeAfterPush: config.BUILD_REMOVE_LOCAL_IMAGES,
  });
}

/** The Job mounts the PVC holding BUILD_DATA_DIR and reads the context from the blob store's layout. */
function kubernetesPublisher(config: BuildServiceConfig): ImagePublisher {
  return new KubernetesJobPublisher({
    cluster: {
      server: config.KUBE_API_SERVER ?? '',
      token: readIfPresent(config.KUBE_TOKEN_FILE),
      caData: config.KUBE_CA_FILE
        ? readFileSync(config.KUBE_CA_FILE).toString('base64')
        : undefined,
      skipTlsVerify: config.KUBE_SKIP_TLS_VERIFY,
    },
    namespace: config.KUBE_NAMESPACE,
    builderImage: config.KUBE_BUILDER_IMAGE,
    contextVolume: {
      claimName: config.KUBE_CONTEXT_PVC ?? '',
      mountPath: config.KUBE_CONTEXT_MOUNT_PATH,
    },
    contextPath: contextPathInDataDir,
    insecureRegistries: config.BUILD_INSECURE_REGISTRIES,
    serviceAccountName: config.KUBE_SERVICE_ACCOUNT,
  });
}

function readIfPresent(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : undefined;
}
