import { mountServicePassthrough } from '@agentrt/runtime-proxy';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { GatewayConfig } from '../config/gateway.config';

/** The Runtime API's own routes (runtime-api.md), builds included. */
const RUNTIME_API_PATHS =
  /^\/(?:start|stop|pause|resume|list|registry_prefix|image_exists|build|build_status|build_logs|build_cancel|runtime\/[^/]+|sessions\/[^/]+)\/?$/;

/**
 * The Runtime API through the gateway (architecture.md: clients call `/start` through the
 * gateway or on runtime-api): forwarded unchanged, the caller's `X-API-Key` included, so
 * runtime-api authenticates, owns and limits runtimes exactly as when called directly, and
 * OpenHands clients pointed at the gateway work as they are. Call from `mountBeforeParsers`.
 */
export function mountRuntimeApi(app: NestExpressApplication, config: GatewayConfig): void {
  const logger = new Logger('RuntimeApiPassthrough');
  mountServicePassthrough(app, {
    baseUrl: config.RUNTIME_API_URL,
    paths: RUNTIME_API_PATHS,
    name: 'runtime-api',
    timeoutMs: config.PROXY_UPSTREAM_TIMEOUT_SECONDS * 1000,
    responseHeaders: { 'X-Routed-To': 'runtime-api' },
    logger: {
      warn: (fields, message) => logger.warn(fields, message),
      error: (fields, message) => logger.error(fields, message),
    },
  });
}
