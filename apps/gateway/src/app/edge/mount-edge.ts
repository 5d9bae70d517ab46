import type { NestExpressApplication } from '@nestjs/platform-express';
import type { GatewayConfig } from '../config/gateway.config';
import { Authenticator } from './authenticator';
import { corsPolicy } from './cors';
import { EdgeGate } from './edge-gate';
import { isPublicPath } from './public-paths';
import { RateLimiter } from '@agentrt/gateway-state';

/**
 * The public port's edge, from main.ts's `configure` hook (after the body parsers, before every
 * route and the routing middleware, which reads the caller it sets). The runtime proxy answers
 * `/{runtime_id}/...` earlier with its own session keys and never reaches this.
 */
export function mountEdge(app: NestExpressApplication, config: GatewayConfig): void {
  // Decides `req.ip`: 0 ignores X-Forwarded-For, N trusts the last N proxies' entries.
  app.set('trust proxy', config.TRUST_PROXY);
  if (config.CORS_ORIGINS) app.enableCors(corsPolicy(config.CORS_ORIGINS));
  const gate = new EdgeGate(app.get(Authenticator), app.get(RateLimiter), {
    isPublic: isPublicPath,
    scope: 'run',
    perKeyPerMinute: config.RATE_LIMIT_PER_KEY_PER_MINUTE,
    perIpPerMinute: config.RATE_LIMIT_PER_IP_PER_MINUTE,
  });
  app.use(gate.handle);
}
