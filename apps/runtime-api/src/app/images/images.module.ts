import { Module } from '@nestjs/common';
import { RUNTIME_API_CONFIG, type RuntimeApiConfig } from '../config/runtime-api.config';
import { ImagesController } from './images.controller';
import { ImagesService } from './images.service';
import { RegistryClient } from './registry.client';
import { plainHttpRegistries } from './registry-http';

/** Each registry request (token, manifest, config blob) gets this long, body included. */
export const REGISTRY_TIMEOUT_MS = 5000;

/**
 * `GET /registry_prefix` and `GET /image_exists`. Needs the app's config under
 * `RUNTIME_API_CONFIG` (provided globally by `AppConfigModule`).
 */
@Module({
  controllers: [ImagesController],
  providers: [
    ImagesService,
    {
      provide: RegistryClient,
      useFactory: (config: RuntimeApiConfig) =>
        new RegistryClient({
          timeoutMs: REGISTRY_TIMEOUT_MS,
          plainHttp: plainHttpRegistries(config.REGISTRY_INSECURE_HOSTS),
        }),
      inject: [RUNTIME_API_CONFIG],
    },
  ],
  exports: [RegistryClient],
})
export class ImagesModule {}
