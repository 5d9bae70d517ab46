import { RUNTIME_ID_PATTERN } from '@agentrt/contracts';
import { createRuntimeProxy, mountRuntimeProxy } from '@agentrt/runtime-proxy';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RuntimeApiConfig } from '../config/runtime-api.config';
import { RuntimeTargetResolverService } from './runtime-target.resolver';

/** Serves every runtime's `url` (`<RUNTIME_PUBLIC_URL>/{runtime_id}`) from this app. */
export function mountProxy(app: NestExpressApplication, config: RuntimeApiConfig): void {
  const logger = new Logger('RuntimeProxy');
  const proxy = createRuntimeProxy({
    resolver: app.get(RuntimeTargetResolverService),
    idPattern: RUNTIME_ID_PATTERN,
    upstreamTimeoutMs: config.PROXY_UPSTREAM_TIMEOUT_SECONDS * 1000,
    logger: {
      warn: (fields, message) => logger.warn(fields, message),
      error: (fields, message) => logger.error(fields, message),
    },
  });
  mountRuntimeProxy(app, proxy);
}
