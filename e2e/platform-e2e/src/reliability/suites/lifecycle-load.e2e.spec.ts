import { scrapeMetrics, waitFor } from '@agentrt/testing';
import { GatewayStack } from '../../gateway/gateway-stack';
import { redisCli, RUNTIME_IMAGE } from '../../runtime-api/runtime-api.harness';
import { Latencies, type LoadBounds, runBounded } from './bounded-load';
import { printFailureLogs } from './failure-logs';
import { JOURNEY, LifecycleJourneys } from './lifecycle-journey';

const POOL_SIZE = 20;
/** 100 journeys of 10 calls by 20 concurrent clients: 1,000 calls, 20 in flight. */
const BOUNDS: LoadBounds = { calls: 100, concurrency: 20, deadlineMs: 240_000 };
const CALLS = BOUNDS.calls * JOURNEY.length;

/** R7 of targets.md: runtime lifecycle calls through the gateway's Runtime API pass-through. */
describe('R7: 1,000 runtime lifecycle calls at concurrency 20 through the gateway', () => {
  let stack: GatewayStack;

  beforeAll(async () => {
    stack = await GatewayStack.start({
      runtimeApiEnv: {
        // A warm pool as a deployment under load has: most starts are claims, not boots.
        WARM_POOLS: JSON.stringify([{ image: RUNTIME_IMAGE, resource_factor: 1, size: POOL_SIZE }]),
        START_RATE_PER_MINUTE: '0',
        MAX_RUNTIMES_PER_KEY: '0',
        // Boots that miss the pool share 2 cores with 20 running agent servers.
        RUNTIME_READY_TIMEOUT_SECONDS: '120',
      },
    });
    const pool = `${stack.runtimeApi.prefix}:rt:pool:${RUNTIME_IMAGE}|1`;
    await waitFor(() => Promise.resolve(Number(redisCli('LLEN', pool)) === POOL_SIZE), {
      timeoutMs: 90_000,
      intervalMs: 250,
      description: `${POOL_SIZE} warm runtimes in the pool`,
    });
  }, 180_000);
  afterAll(async () => stack?.tearDown());

  it('answers every call with a 2xx and stops every runtime it started', async () => {
    const latencies = new Latencies();
    const journeys = new LifecycleJourneys(
      (method, path, body) => stack.call(method, path, { key: stack.runtimeApi.apiKey, body }),
      latencies,
    );
    const startedAt = Date.now();
    const outcome = await runBounded(BOUNDS, () => journeys.run());
    const seconds = Math.round((Date.now() - startedAt) / 1000);
    const metrics = await scrapeMetrics(stack.runtimeApi.api.url);
    const warm = metrics.value('agentrt_runtime_start_seconds_count', { warm: 'true' }) ?? 0;
    process.stdout.write(
      `[R7] ${journeys.calls.toLocaleString('en-US')} calls at concurrency ${BOUNDS.concurrency} through the gateway in ` +
        `${seconds} s (${outcome.started} runtimes, ${warm} claimed warm): ` +
        `${journeys.errors.length} errors; ${latencies.summary()}\n`,
    );
    if (journeys.errors.length > 0) {
      printFailureLogs('R7', [stack.gateway.process, stack.runtimeApi.api]);
    }
    expect(journeys.errors).toEqual([]);
    expect(outcome.errors.map(String)).toEqual([]);
    expect(journeys.calls).toBe(CALLS);
    expect(journeys.runtimesStopped).toBe(BOUNDS.calls);
    const list = (await (
      await stack.call('GET', '/list', { key: stack.runtimeApi.apiKey })
    ).json()) as { total: number };
    expect(list.total).toBe(0);
  }, 300_000);
});
