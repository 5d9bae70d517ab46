import type { ImageExistsResponse, RegistryPrefixResponse } from '@agentrt/contracts';
import { ApiException } from '@agentrt/platform';
import { Inject, Injectable } from '@nestjs/common';
import { RUNTIME_API_CONFIG, type RuntimeApiConfig } from '../config/runtime-api.config';
import { InvalidImageReference, parseImageReference } from './image-reference';
import { RegistryClient } from './registry.client';
import { RegistryError } from './registry-error';

/** Answers build scripts: where to push images, and whether an image is already there. */
@Injectable()
export class ImagesService {
  constructor(
    @Inject(RUNTIME_API_CONFIG) private readonly config: RuntimeApiConfig,
    private readonly registry: RegistryClient,
  ) {}

  registryPrefix(): RegistryPrefixResponse {
    return { registry_prefix: this.config.REGISTRY_PREFIX };
  }

  async imageExists(image: string): Promise<ImageExistsResponse> {
    try {
      const found = await this.registry.findImage(parseImageReference(image));
      return found ? { exists: true, image: found } : { exists: false };
    } catch (error) {
      throw asApiException(error);
    }
  }
}

function asApiException(error: unknown): unknown {
  if (error instanceof InvalidImageReference) {
    // Same body as the validation pipe's, so clients handle one shape of "bad input".
    return new ApiException(400, `Invalid request: image: ${error.message}`, 'validation_failed', {
      errors: [{ path: 'image', message: error.message }],
    });
  }
  if (error instanceof RegistryError) {
    return new ApiException(502, error.message, 'bad_gateway', { registry: error.registry });
  }
  return error;
}
