import { BashOutputSchema, type Runtime, ServerInfoSchema } from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import { Deployment } from './deployment';
import {
  executeBash,
  ownedRuntimes,
  redisCli,
  type RuntimeApiClient,
  RUNTIME_IMAGE as IMAGE,
} from './runtime-api.harness';

const POOL_SIZE = 5;
const STARTS = 20;
/** How long the warm runtimes sit unclaimed first, so a claim that kept their idle clock shows. */
const POOL_IDLE_SECONDS = 4;

/** What one of the concurrent /start calls answered, and what the runtime said right after. */
interface Served {
  runtime: Runtime;
  myVar: string;
  /** Answered running + ready at once: a claimed warm runtime. */
  warm: boolean;
  /** `/server_info` idle_time through the url, read as soon as a warm runtime was handed out. */
  idleAfterClaim?: number;
  /** Whole seconds from sending /start to reading idle_time: the most a reset clock can show. */
  secondsSinceClaimSent?: number;
}

async function serverInfo(baseUrl: string, key?: string) {
  const response = await fetch(`${baseUrl}/server_info`, {
    headers: key ? { 'X-Session-API-Key': key } : {},
  });
  expect(response.status).toBe(200);
  return ServerInfoSchema.parse(await response.json());
}

describe('runtime-api warm pool on the local backend', () => {
  let deployment: Deployment;
  let client: RuntimeApiClient;
  let root: string;
  let prefix = '';
  let served: Served[] = [];

  /** The ready, unclaimed runtimes of the pool, as runtime-api queues them in Redis. */
  const pooled = (): number => Number(redisCli('LLEN', `${prefix}:rt:pool:${IMAGE}|1`));

  beforeAll(async () => {
    deployment = await Deployment.start({
      WARM_POOLS: JSON.stringify([{ image: IMAGE, resource_factor: 1, size: POOL_SIZE }]),
      // Cold starts answer at once (status starting), so only warm ones answer ready.
      START_WAIT_SECONDS: '0',
      // 20 agent servers booting together on a small machine take a while.
      RUNTIME_READY_TIMEOUT_SECONDS: '120',
    });
    ({ client, root, prefix } = deployment);
  });
  afterAll(() => deployment?.tearDown());

  it('boots 5 warm runtimes that wait unclaimed and unlisted', async () => {
    await waitFor(() => Promise.resolve(pooled() === POOL_SIZE), {
      timeoutMs: 60_000,
      description: `${POOL_SIZE} warm runtimes ready in the pool`,
    });
    const owned = await ownedRuntimes(root);
    expect(owned).toHaveLength(POOL_SIZE);
    const list = await client.list();
    expect(list.total).toBe(0);
    // Their agent servers idle on (read on their own ports: warm runtimes have no public url).
    await waitFor(
      async () => {
        const infos = await Promise.all(owned.map((r) => serverInfo(`http://127.0.0.1:${r.port}`)));
        return infos.every((info) => info.idle_time >= POOL_IDLE_SECONDS);
      },
      { timeoutMs: 20_000, description: `warm runtimes idle for ${POOL_IDLE_SECONDS} s` },
    );
  }, 90_000);

  it('serves 20 concurrent starts: 5 warm at once with a fresh idle clock, 15 booting', async () => {
    served = await Promise.all(
      Array.from({ length: STARTS }, async (_, i): Promise<Served> => {
        const myVar = `value-${i}-${Math.random().toString(36).slice(2)}`;
        const sentAt = Date.now();
        const runtime = await client.start({
          image: IMAGE,
          session_id: `warm-e2e-${i}-${prefix}`,
          environment: { MY_VAR: myVar },
        });
        const warm = runtime.status === 'running' && runtime.pod_status === 'ready';
        if (!warm) return { runtime, myVar, warm };
        const info = await serverInfo(runtime.url, runtime.session_api_key);
        const secondsSinceClaimSent = Math.ceil((Date.now() - sentAt) / 1000);
        return { runtime, myVar, warm, idleAfterClaim: info.idle_time, secondsSinceClaimSent };
      }),
    );
    expect(new Set(served.map((s) => s.runtime.runtime_id)).size).toBe(STARTS);
    const warm = served.filter((s) => s.warm);
    expect(warm).toHaveLength(POOL_SIZE);
    for (const cold of served.filter((s) => !s.warm)) {
      expect(cold.runtime).toMatchObject({ status: 'starting', pod_status: 'pending' });
    }
    // They sat idle in the pool for POOL_IDLE_SECONDS, but the claim restarted their clock: it
    // reads no more than the time since /start was sent (which 15 cold boots on 2 cores can
    // stretch past a second), and less than the time they sat unclaimed.
    for (const claimed of warm) {
      expect(claimed.idleAfterClaim).toBeLessThanOrEqual(claimed.secondsSinceClaimSent ?? 0);
      expect(claimed.idleAfterClaim).toBeLessThan(POOL_IDLE_SECONDS);
    }
  }, 60_000);

  it('gets every runtime ready, running commands with its own key and environment', async () => {
    await Promise.all(served.map((s) => client.waitReady(s.runtime.runtime_id, 120_000)));
    const printed = await Promise.all(
      served.map(async ({ runtime, warm }) => {
        const response = await executeBash(runtime, 'echo "MY_VAR=$MY_VAR"');
        expect(response.status).toBe(200);
        return { warm, stdout: BashOutputSchema.parse(await response.json()).stdout?.trim() };
      }),
    );
    expect(printed).toEqual(served.map(({ warm, myVar }) => ({ warm, stdout: `MY_VAR=${myVar}` })));

    for (const claimed of served.filter((s) => s.warm)) {
      const other = served.find((s) => s.runtime.runtime_id !== claimed.runtime.runtime_id);
      if (!other) throw new Error('20 runtimes were served');
      const refused = await executeBash(claimed.runtime, 'true', other.runtime.session_api_key);
      expect(refused.status).toBe(401);
    }
  }, 150_000);

  it('refills the pool to 5 in the background', async () => {
    // Owned records: the 20 claimed runtimes and 5 new warm ones, nothing else.
    await waitFor(
      async () =>
        pooled() === POOL_SIZE && (await ownedRuntimes(root)).length === STARTS + POOL_SIZE,
      { timeoutMs: 90_000, description: 'the pool to refill' },
    );
    const list = await client.list();
    expect(list.total).toBe(STARTS);
  }, 100_000);
});
