import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Runtime } from '@agentrt/contracts';
import { freePort, waitFor } from '@agentrt/testing';
import { GatewayStack } from './gateway/gateway-stack';
import { PhasedLoad } from './reliability/suites/phased-load';
import { printFailureLogs } from './reliability/suites/failure-logs';
import { printOutageReport } from './reliability/suites/outage-report';
import { outageRequests } from './reliability/suites/outage-requests';
import { type Service, untilReported } from './reliability/suites/readiness';
import { ownedRuntimes, processAlive, RUNTIME_IMAGE } from './runtime-api/runtime-api.harness';
import { AppProcess } from './support/app-process';
import { RedisServer } from './support/redis-server';

const OUTAGE_MS = 5_000;
const RUNTIMES = 3;

/**
 * R3 of targets.md: Redis stopped for 5 s under load. Every service reports not-ready meanwhile
 * and ready again after, without a restart; no process exits; no runtime record is lost.
 */
describe('R3: Redis stopped for 5 s under load', () => {
  let dataDir: string;
  let redis: RedisServer;
  let stack: GatewayStack;
  let buildService: AppProcess;
  const runtimes: Runtime[] = [];

  beforeAll(async () => {
    // Persistent like deployed Redis (AOF), so a restart keeps what was written before the stop.
    dataDir = await mkdtemp(join(tmpdir(), 'agentrt-r3-redis-'));
    redis = new RedisServer(await freePort(), { dataDir });
    await redis.start();
    stack = await GatewayStack.start({ runtimeApiEnv: { REDIS_URL: redis.url } });
    const { env } = stack.runtimeApi;
    buildService = await AppProcess.start('build-service', {
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: env['REDIS_KEY_PREFIX'] ?? '',
      QUEUE_PREFIX: env['QUEUE_PREFIX'] ?? '',
    });
    await buildService.listening();
    for (let i = 0; i < RUNTIMES; i += 1) {
      runtimes.push(await stack.runtimeApi.client.start({ image: RUNTIME_IMAGE }));
    }
  }, 120_000);

  afterAll(async () => {
    // Teardown stops runtimes through runtime-api, which needs Redis back if a test failed early.
    await redis?.start();
    await buildService?.stop();
    await stack?.tearDown();
    await redis?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('reports not-ready, keeps every process and record, and recovers without a restart', async () => {
    const services: Service[] = [
      { name: 'runtime-api', url: stack.runtimeApi.api.url },
      { name: 'build-service', url: buildService.url },
      { name: 'gateway', url: stack.gateway.url },
      { name: 'gateway admin', url: stack.gateway.adminUrl },
    ];
    const exited: string[] = [];
    for (const app of [stack.runtimeApi.api, buildService, stack.gateway.process]) {
      void app.exited.then(() => exited.push(app.name));
    }
    const agentPids = (await ownedRuntimes(stack.runtimeApi.root)).map((r) => r.pid);
    const load = new PhasedLoad(outageRequests(stack, runtimes), { paceMs: 40, timeoutMs: 10_000 });
    const loading = load.run({ calls: 5_000, concurrency: 4, deadlineMs: 120_000 });
    await waitFor(() => Promise.resolve(load.count('before') >= 24), {
      description: 'requests flowing before the fault',
    });

    load.phase = 'outage';
    await redis.stop();
    const downAt = Date.now();
    const noticed = await Promise.all(
      services.map((s) => untilReported(s, false, downAt, OUTAGE_MS)),
    );
    // The fault lasts OUTAGE_MS whatever the services do: a fixed span, not a wait for a state.
    await new Promise((resolve) => setTimeout(resolve, downAt + OUTAGE_MS - Date.now()));
    await redis.start();
    const upAt = Date.now();
    const downFor = upAt - downAt;
    load.phase = 'recovery';
    const recovered = await Promise.all(services.map((s) => untilReported(s, true, upAt, 30_000)));
    load.phase = 'after';
    await waitFor(() => Promise.resolve(load.count('after') >= 48), {
      description: 'requests flowing after recovery',
    });
    load.stop();
    const outcome = await loading;

    // The queue round trip works again: runtime-api enqueues, build-service's worker answers.
    const ping = await stack.runtimeApi.client.call('POST', '/diagnostics/queue', {
      message: 'after the outage',
    });
    const agentsAlive = (await Promise.all(agentPids.map(processAlive))).filter(Boolean).length;
    const lost = await lostRecords();
    printOutageReport({
      ...{ services, noticed, recovered, downFor, load, exited, agentsAlive },
      ...{ runtimes: RUNTIMES, kept: RUNTIMES - lost.length, queueStatus: ping.status },
    });

    // A request that failed outside the outage: show what the apps logged about it.
    if (load.violations(['before', 'after'], () => []).length > 0) {
      printFailureLogs('R3', [stack.gateway.process, stack.runtimeApi.api]);
    }

    expect(outcome.errors.map(String)).toEqual([]);
    expect(downFor).toBeGreaterThanOrEqual(OUTAGE_MS);
    expect(exited).toEqual([]);
    expect(ping.status).toBe(200);
    expect(agentsAlive).toBe(RUNTIMES);
    expect(lost).toEqual([]);
    expectLoad(load);
  }, 120_000);

  /** Pre-outage runtimes no longer listed, or looked up otherwise than running with their key. */
  async function lostRecords(): Promise<string[]> {
    const client = stack.runtimeApi.client;
    const listed = new Set((await client.list()).runtimes.map((r) => r.runtime_id));
    const lost: string[] = [];
    for (const runtime of runtimes) {
      const found = (await client.lookup(runtime.runtime_id)) as Partial<Runtime>;
      const same =
        found.status === 'running' &&
        found.session_id === runtime.session_id &&
        found.session_api_key === runtime.session_api_key;
      if (!same || !listed.has(runtime.runtime_id)) lost.push(JSON.stringify(found));
    }
    return lost;
  }
});

/**
 * Before and after the outage every request succeeds. While Redis is away every request still
 * gets an answer (no hang, no dropped connection): a 2xx, or its route's answer while a
 * dependency is down (503), in our error body.
 */
function expectLoad(load: PhasedLoad): void {
  expect(load.violations(['before', 'after'], () => [])).toEqual([]);
  expect(load.violations(['outage', 'recovery'], (request) => request.whileDown)).toEqual([]);
}
