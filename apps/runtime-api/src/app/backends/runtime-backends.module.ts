import { RuntimeManager } from '@agentrt/runtime-backends';
import { Global, Module } from '@nestjs/common';
import { RUNTIME_API_CONFIG, type RuntimeApiConfig } from '../config/runtime-api.config';
import { createRuntimeBackend } from './runtime-backend.factory';

/** The configured backend behind a RuntimeManager, shared by the whole app. */
@Global()
@Module({
  providers: [
    {
      provide: RuntimeManager,
      useFactory: (config: RuntimeApiConfig) => new RuntimeManager([createRuntimeBackend(config)]),
      inject: [RUNTIME_API_CONFIG],
    },
  ],
  exports: [RuntimeManager],
})
export class RuntimeBackendsModule {}
