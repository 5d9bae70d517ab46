import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppName, AppProcess } from './support/app-process';
import { E2E } from './support/e2e-env';
import { freePort } from '@agentrt/testing';

const complete: Record<AppName, Record<string, string>> = {
  'runtime-api': { REDIS_URL: E2E.redisUrl, RUNTIME_API_KEY_HASHES: 'a'.repeat(64) },
  'build-service': { REDIS_URL: E2E.redisUrl },
  'agent-server': { WORKSPACE_DIR: join(tmpdir(), `agentrt-boot-e2e-${process.pid}`) },
  gateway: {
    REDIS_URL: E2E.redisUrl,
    RUNTIME_API_URL: 'http://127.0.0.1:9',
    RUNTIME_API_KEY: 'boot-e2e-key',
  },
};

/** One broken variable per app: either a required one removed or a bad value. */
const broken: [AppName, string, Record<string, string>][] = [
  ['runtime-api', 'REDIS_URL', { RUNTIME_API_KEY_HASHES: 'a'.repeat(64) }],
  ['runtime-api', 'RUNTIME_API_KEY_HASHES', { REDIS_URL: E2E.redisUrl }],
  ['build-service', 'REDIS_URL', {}],
  ['gateway', 'RUNTIME_API_URL', { REDIS_URL: E2E.redisUrl, RUNTIME_API_KEY: 'k' }],
  [
    'gateway',
    'RUNTIME_API_KEY',
    { REDIS_URL: E2E.redisUrl, RUNTIME_API_URL: 'http://127.0.0.1:9' },
  ],
  ['agent-server', 'PORT', { PORT: 'not-a-port' }],
];

describe('booting with a bad environment', () => {
  it.each(broken)('%s refuses to start and names %s', async (name, variable, env) => {
    const app = await AppProcess.start(name, env);
    const exit = await app.exited;
    expect(exit.code).toBe(78);
    const fatal = app.logs().find((line) => line['level'] === 'fatal');
    expect(fatal).toMatchObject({ service: name, variables: [variable] });
    expect(String(fatal?.['msg'])).toContain(`${variable}:`);
  });
});

describe('graceful shutdown', () => {
  afterAll(() =>
    rm(complete['agent-server']['WORKSPACE_DIR'] ?? '', { recursive: true, force: true }),
  );

  it.each(Object.keys(complete) as AppName[])(
    '%s exits 0 on SIGTERM after closing its connections',
    async (name) => {
      const prefix = `e2e-stop-${randomUUID().slice(0, 8)}`;
      const app = await AppProcess.start(name, {
        ...complete[name],
        REDIS_KEY_PREFIX: prefix,
        QUEUE_PREFIX: prefix,
        // The gateway's second (admin) listener, kept off runtime-api's default port.
        ...(name === 'gateway' ? { ADMIN_PORT: String(await freePort()) } : {}),
      });
      await app.listening();
      const exit = await app.stop();
      expect(exit).toEqual({ code: 0, signal: null });
      expect(app.logs().map((line) => line['msg'])).toContain('shutdown complete');
    },
  );
});
