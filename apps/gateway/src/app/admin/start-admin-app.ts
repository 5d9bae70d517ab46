import { type Metrics, serveOpenApi, startCompanionApp } from '@agentrt/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { GatewayConfig } from '../config/gateway.config';
import { Authenticator } from '../edge/authenticator';
import { EdgeGate } from '../edge/edge-gate';
import { isAdminPublicPath } from '../edge/public-paths';
import { RateLimiter } from '@agentrt/gateway-state';
import { AdminModule } from './admin.module';

/**
 * Starts the admin port (main.ts, after the public app listens). Every route but `/health` and
 * `/metrics` (the public app's `metrics`, recorded by both) needs the `admin` scope. No rate limits or CORS: it listens on loopback by default and serves
 * operators and automation, not browsers.
 */
export function startAdminApp(
  config: GatewayConfig,
  metrics: Metrics,
): Promise<NestExpressApplication> {
  return startCompanionApp({
    name: 'gateway admin',
    module: AdminModule.register(config, metrics),
    host: config.ADMIN_HOST,
    port: config.ADMIN_PORT,
    configure: (app) => {
      const gate = new EdgeGate(app.get(Authenticator), app.get(RateLimiter), {
        isPublic: isAdminPublicPath,
        scope: 'admin',
        perKeyPerMinute: 0,
        perIpPerMinute: 0,
      });
      app.use(gate.handle);
      // After the gate: this document, too, is for admins only.
      serveOpenApi(app, {
        title: 'agentrt gateway admin',
        description: 'Agent definitions and API keys; served on ADMIN_PORT only.',
        apiKeyHeader: 'X-API-Key',
      });
    },
  });
}
