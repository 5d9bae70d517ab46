import { waitFor } from '@agentrt/testing';
import { Deployment } from './deployment';
import {
  ownedRuntimes,
  processAlive,
  redisCli,
  type RuntimeApiClient,
  RUNTIME_IMAGE as IMAGE,
} from './runtime-api.harness';

/**
 * A warm runtime that does not take its init call (here: its agent server is frozen) is
 * discarded; the start must go on to the next warm runtime or a boot, not answer the discarded
 * one (the claim had already tied the session to it). Seen under load in R7: one start of 1,000
 * answered `status: error`.
 */
describe('runtime-api warm pool: a claimed runtime that fails its init', () => {
  let deployment: Deployment;
  let client: RuntimeApiClient;
  let root: string;
  let prefix = '';
  const frozen: number[] = [];

  beforeAll(async () => {
    deployment = await Deployment.start({
      WARM_POOLS: JSON.stringify([{ image: IMAGE, resource_factor: 1, size: 1 }]),
      RUNTIME_READY_TIMEOUT_SECONDS: '120',
    });
    ({ client, root, prefix } = deployment);
  });
  afterAll(async () => {
    for (const pid of frozen) if (await processAlive(pid)) process.kill(-pid, 'SIGCONT');
    await deployment?.tearDown();
  });

  it('boots a replacement instead of answering the discarded runtime', async () => {
    const pooled = () => Number(redisCli('LLEN', `${prefix}:rt:pool:${IMAGE}|1`));
    await waitFor(() => Promise.resolve(pooled() === 1), {
      timeoutMs: 60_000,
      description: 'one warm runtime in the pool',
    });
    const [warm] = await ownedRuntimes(root);
    if (!warm) throw new Error('the pool holds one runtime');
    process.kill(-warm.pid, 'SIGSTOP');
    frozen.push(warm.pid);

    const runtime = await client.start({ image: IMAGE, session_id: `init-failure-${prefix}` });

    expect(runtime.runtime_id).not.toBe(warm.runtimeId);
    expect(['starting', 'running']).toContain(runtime.status);
    const ready = await client.waitReady(runtime.runtime_id, 120_000);
    expect(ready.status).toBe('running');
    expect(await client.lookup(warm.runtimeId)).toMatchObject({ status: 'error' });
  }, 200_000);
});
