import { randomBytes } from 'node:crypto';
import { createPlatformApp, loadConfig, Metrics } from '@agentrt/platform';
import { freePort, scrapeMetrics } from '@agentrt/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { startAdminApp } from '../admin/start-admin-app';
import { AppModule } from '../app.module';
import { GatewayConfigSchema } from '../config/gateway.config';
import { mountEdge } from '../edge/mount-edge';
import { ApiRouter } from '../routing/api-router';
import { routingDecisionCounter } from './routing-metrics';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `metrics-int-${randomBytes(4).toString('hex')}`;
// sha256("k"), allowed to run and debug.
const KEY_HASH = '8254c329a92850f6d539dd376f4816ee2764517da5e0235514af433164480d7a';

const urlOf = async (app: NestExpressApplication) =>
  (await app.getUrl()).replace('[::1]', '127.0.0.1');

describe('gateway /metrics on the admin port', () => {
  let app: NestExpressApplication;
  let admin: NestExpressApplication | undefined;
  let publicUrl: string;
  let adminUrl: string;

  beforeAll(async () => {
    const config = loadConfig('gateway', GatewayConfigSchema, {
      REDIS_URL,
      REDIS_KEY_PREFIX: PREFIX,
      RUNTIME_API_URL: 'http://127.0.0.1:9',
      RUNTIME_API_KEY: 'unused',
      GATEWAY_API_KEYS: `${KEY_HASH}:run+debug`,
      LOG_LEVEL: 'silent',
      ADMIN_PORT: String(await freePort()),
    });
    // As main.ts wires the public app: the edge, then the router in front of the modules.
    app = await createPlatformApp(AppModule.register(config));
    mountEdge(app, config);
    app.use(new ApiRouter(config.SERVER_MODE, routingDecisionCounter(app.get(Metrics))).handle);
    await app.listen(0, '127.0.0.1');
    publicUrl = await urlOf(app);
    admin = await startAdminApp(config, app.get(Metrics));
    adminUrl = await urlOf(admin);
  }, 60_000);

  afterAll(async () => {
    await admin?.close();
    await app?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  const call = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${publicUrl}${path}`, { headers: { 'x-api-key': 'k', ...headers } }).then((r) =>
      r.body?.cancel(),
    );

  it('counts routing decisions by module and reason, and public requests by route', async () => {
    await call('/api/conversations/not-a-run');
    await call('/api/conversations/not-a-run');
    await call('/api/conversations/not-a-run', { 'X-Routing-Mode': 'debugger' });
    const metrics = await scrapeMetrics(adminUrl);
    const decisions = 'agentrt_routing_decisions_total';
    expect(metrics.value(decisions, { module: 'agent-runner', reason: 'default' })).toBe(2);
    expect(metrics.value(decisions, { module: 'debugger', reason: 'routing-mode-header' })).toBe(1);
    const publicRequests = metrics.all('agentrt_http_request_duration_seconds_count', {
      app: 'gateway',
    });
    expect(publicRequests.reduce((sum, sample) => sum + sample.value, 0)).toBe(3);
    expect(metrics.text).not.toContain('not-a-run');
  });

  it('serves /metrics on the admin port without a key, never on the public port', async () => {
    const admin = await fetch(`${adminUrl}/metrics`);
    expect(admin.status).toBe(200);
    await admin.body?.cancel();
    const onPublic = await fetch(`${publicUrl}/metrics`, { headers: { 'x-api-key': 'k' } });
    expect(onPublic.status).toBe(404);
    await onPublic.body?.cancel();
    const metrics = await scrapeMetrics(adminUrl);
    expect(
      metrics.value('agentrt_http_request_duration_seconds_count', {
        app: 'gateway-admin',
        route: '/metrics',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
  });
});
