import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApiDocument, createPlatformApp, loadConfig } from '@agentrt/platform';
import { JOB_NAMES, QUEUES, QueueProducer } from '@agentrt/queues';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import { AppModule } from '../app.module';
import { RuntimeApiConfigSchema } from '../config/runtime-api.config';
import { mountQueueDashboard } from './mount-queue-dashboard';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `dashboard-int-${randomBytes(4).toString('hex')}`;
// sha256("k"): the API key below.
const KEY_HASH = '8254c329a92850f6d539dd376f4816ee2764517da5e0235514af433164480d7a';
const basic = (user: string, key: string) =>
  `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;

interface BoardQueue {
  name: string;
  counts: Record<string, number>;
  readOnlyMode: boolean;
}

describe('the queue dashboard at /admin/queues', () => {
  const apps: NestExpressApplication[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agentrt-dashboard-'));
  });

  afterAll(async () => {
    for (const app of apps.splice(0)) await app.close();
    await deleteKeys(`${PREFIX}*`);
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 30_000);

  /** Boots runtime-api as main.ts does, with the dashboard variables given. */
  async function boot(env: Record<string, string> = {}) {
    const config = loadConfig('runtime-api', RuntimeApiConfigSchema, {
      REDIS_URL,
      REDIS_KEY_PREFIX: PREFIX,
      QUEUE_PREFIX: PREFIX,
      RUNTIME_OWNER: PREFIX,
      RUNTIME_API_KEY_HASHES: KEY_HASH,
      LOG_LEVEL: 'silent',
      LOCAL_RUNTIME_ROOT: join(dir, 'runtimes'),
      BUILD_DATA_DIR: join(dir, 'builds'),
      ...env,
    });
    const app = await createPlatformApp(AppModule.register(config));
    apps.push(app);
    mountQueueDashboard(app, config);
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    return { app, url };
  }

  describe('enabled, read-only by default', () => {
    let app: NestExpressApplication;
    let url: string;

    beforeAll(async () => {
      ({ app, url } = await boot());
    }, 60_000);

    it('asks a browser for credentials when none are sent', async () => {
      const response = await fetch(`${url}/admin/queues`);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(
        'Basic realm="agentrt queues", charset="UTF-8"',
      );
      expect(await response.json()).toMatchObject({ code: 'unauthorized' });
    });

    it('refuses a wrong key, as Basic auth and as X-API-Key', async () => {
      const attempts: Record<string, string>[] = [
        { authorization: basic('admin', 'wrong') },
        { 'x-api-key': 'wrong' },
        { authorization: 'Basic %%%' },
      ];
      for (const headers of attempts) {
        const response = await fetch(`${url}/admin/queues/api/queues`, { headers });
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toContain('Basic realm="agentrt queues"');
      }
    });

    it('serves the page and its assets to Basic auth with a valid key', async () => {
      const page = await fetch(`${url}/admin/queues`, {
        headers: { authorization: basic('anyone', 'k') },
      });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('agentrt queues');
      // Assets are relative to <base href="/admin/queues/">, so they go through the same check.
      expect(html).toContain('<base href="/admin/queues/');
      const asset = /src="(static\/js\/main[^"]*\.js)"/.exec(html)?.[1];
      expect(asset).toBeDefined();
      const script = `${url}/admin/queues/${asset ?? ''}`;
      expect((await fetch(script)).status).toBe(401);
      const served = await fetch(script, { headers: { authorization: basic('', 'k') } });
      expect(served.status).toBe(200);
    });

    it('lists the builds queue with a job enqueued by the normal producer', async () => {
      const jobId = `dash-${randomBytes(4).toString('hex')}`;
      await app.get(QueueProducer).enqueue(QUEUES.builds, JOB_NAMES.build, { id: jobId }, jobId);
      const response = await fetch(`${url}/admin/queues/api/queues`, {
        headers: { 'x-api-key': 'k' },
      });
      expect(response.status).toBe(200);
      const { queues } = (await response.json()) as { queues: BoardQueue[] };
      expect(queues.map((queue) => queue.name).sort()).toEqual(['builds', 'diagnostics']);
      const builds = queues.find((queue) => queue.name === 'builds');
      expect(builds).toMatchObject({ readOnlyMode: true, counts: { waiting: 1, failed: 0 } });
    });

    it('refuses to empty, clean or retry in read-only mode, and leaves the jobs alone', async () => {
      const headers = { authorization: basic('admin', 'k') };
      for (const action of ['empty', 'clean/completed', 'retry/failed']) {
        const response = await fetch(`${url}/admin/queues/api/queues/builds/${action}`, {
          method: 'PUT',
          headers,
        });
        expect(response.status).toBe(405);
      }
      const counts = await app.get(QueueProducer).depth(QUEUES.builds);
      expect(counts.waiting).toBe(1);
    });

    it('is not in the OpenAPI document', () => {
      const document = buildOpenApiDocument(app, { title: 't', description: 'd' });
      expect(Object.keys(document.paths).filter((path) => path.startsWith('/admin'))).toEqual([]);
    });
  });

  it('lets a valid key empty a queue when read-only mode is off', async () => {
    const { app, url } = await boot({ QUEUE_DASHBOARD_READ_ONLY: 'false' });
    const jobId = `dash-rw-${randomBytes(4).toString('hex')}`;
    await app.get(QueueProducer).enqueue(QUEUES.diagnostics, JOB_NAMES.diagnosticPing, {}, jobId);
    const response = await fetch(`${url}/admin/queues/api/queues/diagnostics/empty`, {
      method: 'PUT',
      headers: { 'x-api-key': 'k' },
    });
    expect(response.status).toBe(200);
    expect((await app.get(QueueProducer).depth(QUEUES.diagnostics)).waiting).toBe(0);
  }, 60_000);

  it('is not there when disabled', async () => {
    const { url } = await boot({ QUEUE_DASHBOARD_ENABLED: 'false' });
    const response = await fetch(`${url}/admin/queues`, {
      headers: { authorization: basic('admin', 'k'), 'x-api-key': 'k' },
    });
    expect(response.status).toBe(404);
  }, 60_000);
});

async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(pattern);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
