import { RUNTIME_ID_PATTERN } from '@agentrt/contracts';
import { createRuntimeProxy, mountRuntimeProxy } from '@agentrt/runtime-proxy';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { GatewayConfig } from '../config/gateway.config';
import { GatewayTargetResolver } from './gateway-target.resolver';

const ROUTED_TO = 'X-Routed-To';

/**
 * Serves `/{runtime_id}/...` and `/{runtime_id}-{port}/...` at the gateway (HTTP and WebSocket),
 * resuming paused runtimes on traffic. Call from `mountBeforeParsers`: the proxy streams bodies.
 */
export function mountGatewayProxy(app: NestExpressApplication, config: GatewayConfig): void {
  const logger = new Logger('RuntimeProxy');
  const proxy = createRuntimeProxy({
    resolver: app.get(GatewayTargetResolver),
    idPattern: RUNTIME_ID_PATTERN,
    upstreamTimeoutMs: config.PROXY_UPSTREAM_TIMEOUT_SECONDS * 1000,
    awaitRunningTimeoutMs: config.PROXY_RESUME_TIMEOUT_SECONDS * 1000,
    logger: {
      warn: (fields, message) => logger.warn(fields, message),
      error: (fields, message) => logger.error(fields, message),
    },
  });
  // Every HTTP answer the proxy gives (forwarded or refused) says who served it, like the modules.
  mountRuntimeProxy(app, proxy, { responseHeaders: { [ROUTED_TO]: 'runtime-proxy' } });
}
