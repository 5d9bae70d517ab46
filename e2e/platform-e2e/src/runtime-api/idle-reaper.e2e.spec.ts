import { setTimeout as delay } from 'node:timers/promises';
import type { Runtime, RuntimeStatus } from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import { Deployment } from './deployment';
import {
  executeBash,
  ownedRuntimes,
  processAlive,
  type RuntimeApiClient,
  RUNTIME_IMAGE as IMAGE,
} from './runtime-api.harness';

const IDLE_MS = 2_000;
const DEAD_MS = 6_000;

describe('runtime-api idle reaper (idle 2 s, dead 6 s, a pass every 0.5 s)', () => {
  let deployment: Deployment;
  let client: RuntimeApiClient;

  const statusOf = async (runtimeId: string): Promise<RuntimeStatus | undefined> => {
    const found = await client.lookup(runtimeId);
    return 'status' in found ? found.status : undefined;
  };
  const waitStatus = (runtime: Runtime, status: RuntimeStatus, timeoutMs = 15_000) =>
    waitFor(async () => (await statusOf(runtime.runtime_id)) === status && Date.now(), {
      timeoutMs,
      intervalMs: 50,
      description: `runtime ${runtime.runtime_id} to be ${status}`,
    });

  /** Starts a runtime and resolves once it is ready, with the moment that was seen. */
  const startReady = async (): Promise<{ runtime: Runtime; readyAt: number }> => {
    const started = await client.start({ image: IMAGE });
    const runtime = await client.waitReady(started.runtime_id, 60_000);
    return { runtime, readyAt: Date.now() };
  };

  beforeAll(async () => {
    deployment = await Deployment.start({
      RUNTIME_IDLE_SECONDS: String(IDLE_MS / 1000),
      RUNTIME_DEAD_SECONDS: String(DEAD_MS / 1000),
      REAPER_INTERVAL_SECONDS: '0.5',
    });
    client = deployment.client;
  });
  afterAll(() => deployment?.tearDown());

  it('pauses a runtime left alone, keeps a busy one running, stops the paused one when dead', async () => {
    /** A command through the url every ~500 ms for 4 s, i.e. twice the idle limit. */
    const keepBusy = async ({ runtime }: { runtime: Runtime }) => {
      const seen: { status: number; runtime?: RuntimeStatus }[] = [];
      for (let i = 0; i < 8; i++) {
        const response = await executeBash(runtime, `echo tick ${i}`);
        await response.body?.cancel();
        seen.push({ status: response.status, runtime: await statusOf(runtime.runtime_id) });
        await delay(500);
      }
      return seen;
    };
    const [alone, busySeen] = await Promise.all([startReady(), startReady().then(keepBusy)]);

    const pausedAt = await waitStatus(alone.runtime, 'paused');
    const refused = await executeBash(alone.runtime, 'true');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');

    expect(busySeen).toEqual(
      Array.from({ length: 8 }, () => ({ status: 200, runtime: 'running' })),
    );

    const pid = (await ownedRuntimes(deployment.root)).find(
      (r) => r.runtimeId === alone.runtime.runtime_id,
    )?.pid;
    expect(pid).toBeDefined();
    const stoppedAt = await waitStatus(alone.runtime, 'stopped', DEAD_MS + 10_000);
    // Stopped by the dead rule (counted from its last activity, at latest when it was ready),
    // not by the idle rule.
    expect(stoppedAt - alone.readyAt).toBeGreaterThanOrEqual(DEAD_MS - 1_500);
    expect(stoppedAt).toBeGreaterThan(pausedAt);
    expect(await processAlive(pid ?? 0)).toBe(false);
    expect((await executeBash(alone.runtime, 'true')).status).toBe(404);
  }, 60_000);

  it('does not pause a resumed runtime again at once: paused time is not idle time', async () => {
    const { runtime } = await startReady();
    await waitStatus(runtime, 'paused');

    const resumed = await client.runtimeCall('/resume', { runtime_id: runtime.runtime_id });
    expect(resumed.status).toBe('running');
    const resumedAt = Date.now();
    // The agent server has seen no traffic since boot (its idle_time is past the limit); only
    // the idle clock restarting at the resume keeps the reaper's next passes from pausing it.
    const seen = new Set<RuntimeStatus | undefined>();
    while (Date.now() - resumedAt < 1_500) {
      seen.add(await statusOf(runtime.runtime_id));
      await delay(100);
    }
    expect([...seen]).toEqual(['running']);
    const response = await executeBash(runtime, 'echo back');
    expect(response.status).toBe(200);
    await response.body?.cancel();

    // It is still reaped once it idles again from that command on.
    const repausedAt = await waitStatus(runtime, 'paused');
    expect(repausedAt - resumedAt).toBeGreaterThanOrEqual(IDLE_MS);
  }, 60_000);
});
