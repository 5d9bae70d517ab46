import { Controller, Get, Module, Param } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { apiKeyGuardProvider } from '../auth/api-key.guard';
import { createPlatformApp } from '../bootstrap/platform-app';
import { JsonLoggingModule } from '../logging/logger.module';
import { buildOpenApiDocument } from '../openapi/openapi';
import { Metrics } from './metrics';
import { MetricsModule } from './metrics.module';
import type { MetricsModuleOptions } from './metrics-options';
import { MetricsText, scrapeMetrics } from '@agentrt/testing';

@Controller()
class RuntimeProbeController {
  @Get('runtime/:runtime_id')
  one(@Param('runtime_id') id: string): { id: string } {
    return { id };
  }
}

const HTTP = 'agentrt_http_request_duration_seconds_count';
// The key `k` hashed; only the guarded probe route needs it.
const KEY_HASH = '8254c329a92850f6d539dd376f4816ee2764517da5e0235514af433164480d7a';

async function boot(
  options: MetricsModuleOptions,
): Promise<{ app: NestExpressApplication; url: string }> {
  @Module({
    imports: [
      JsonLoggingModule.forRoot({ service: options.app, level: 'silent' }),
      MetricsModule.forRoot(options),
    ],
    controllers: [RuntimeProbeController],
    providers: [apiKeyGuardProvider([KEY_HASH])],
  })
  class ProbeModule {}
  const app = await createPlatformApp({ module: ProbeModule });
  await app.listen(0, '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

describe('MetricsModule', () => {
  const apps: NestExpressApplication[] = [];
  const started = async (options: MetricsModuleOptions) => {
    const booted = await boot(options);
    apps.push(booted.app);
    return booted;
  };
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('serves /metrics without an API key, in the Prometheus text format', async () => {
    const { url } = await started({ app: 'probe', enabled: true });
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const metrics = new MetricsText(await response.text());
    expect(metrics.value('agentrt_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(metrics.typeOf('agentrt_process_cpu_user_seconds_total')).toBe('counter');
    // Every other route still needs the key.
    expect((await fetch(`${url}/runtime/abc`)).status).toBe(401);
  });

  it('labels request latency by route template, never the raw path', async () => {
    const { url } = await started({ app: 'probe', enabled: true });
    const key = { headers: { 'x-api-key': 'k' } };
    for (const id of ['a1', 'b2', 'c3'])
      expect((await fetch(`${url}/runtime/${id}`, key)).status).toBe(200);
    await fetch(`${url}/no/such/path/${Date.now()}`);
    const metrics = await scrapeMetrics(url);
    const labels = { app: 'probe', method: 'GET', route: '/runtime/:runtime_id', status: '200' };
    expect(metrics.value(HTTP, labels)).toBe(3);
    expect(metrics.value(HTTP, { route: '(unmatched)', status: '404' })).toBe(1);
    expect(metrics.text).not.toMatch(/a1|b2|c3|no\/such/);
  });

  it('keeps each app in its own registry', async () => {
    const first = await started({ app: 'first', enabled: true });
    const second = await started({ app: 'second', enabled: true });
    await fetch(`${first.url}/runtime/x`, { headers: { 'x-api-key': 'k' } });
    first.app.get(Metrics).counter({ name: 'agentrt_only_first_total', help: 'h' }).inc({});
    const mine = await scrapeMetrics(first.url);
    const theirs = await scrapeMetrics(second.url);
    expect(mine.value('agentrt_only_first_total')).toBe(1);
    expect(theirs.value('agentrt_only_first_total')).toBeUndefined();
    expect(theirs.all(HTTP, { app: 'first' })).toEqual([]);
  });

  it('records into shared metrics without serving them when told so', async () => {
    const served = await started({ app: 'admin', enabled: true });
    const shared = served.app.get(Metrics);
    const quiet = await started({ app: 'public', enabled: true, shared, serve: false });
    expect((await fetch(`${quiet.url}/metrics`, { headers: { 'x-api-key': 'k' } })).status).toBe(
      404,
    );
    const metrics = await scrapeMetrics(served.url);
    expect(metrics.value(HTTP, { app: 'public', route: '(unmatched)', status: '404' })).toBe(1);
  });

  it('serves nothing when disabled', async () => {
    const { url } = await started({ app: 'probe', enabled: false });
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
  });

  it('leaves /metrics out of the OpenAPI document', async () => {
    const { app } = await started({ app: 'probe', enabled: true });
    const document = buildOpenApiDocument(app, { title: 't', description: 'd' });
    expect(Object.keys(document.paths)).toEqual(['/runtime/{runtime_id}']);
  });
});

describe('Metrics', () => {
  it('reads sampled gauges at scrape time and keeps the last values when a read fails', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    const reads: (() => Promise<number>)[] = [
      () => Promise.resolve(3),
      () => Promise.reject(new Error('redis down')),
      () => new Promise<number>(() => undefined), // never answers: the timeout applies
      () => Promise.resolve(5),
    ];
    metrics.sampledGauge<'state'>({
      name: 'agentrt_probe_depth',
      help: 'h',
      labels: ['state'],
      timeoutMs: 50,
      read: async () => {
        const next = reads.shift();
        if (!next) throw new Error('read more often than scraped');
        return [{ labels: { state: 'waiting' }, value: await next() }];
      },
    });
    const depth = async () =>
      new MetricsText(await metrics.exposition()).value('agentrt_probe_depth', {
        state: 'waiting',
      });
    expect(await depth()).toBe(3);
    expect(await depth()).toBe(3);
    expect(await depth()).toBe(3);
    expect(await depth()).toBe(5);
    expect(reads).toEqual([]);
  });

  it('returns the same metric for the same name and refuses another kind', () => {
    const metrics = new Metrics({ defaultMetrics: false });
    const spec = { name: 'agentrt_twice_total', help: 'h' };
    expect(metrics.counter(spec)).toBe(metrics.counter(spec));
    expect(() => metrics.gauge(spec)).toThrow(/already a counter/);
  });
});
