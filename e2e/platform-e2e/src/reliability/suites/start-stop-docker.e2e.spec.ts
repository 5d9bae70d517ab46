import { waitFor } from '@agentrt/testing';
import { Deployment } from '../../runtime-api/deployment';
import { labelledContainers, labelledVolumes } from '../../runtime-api/docker-support';
import { type RuntimeApiClient, RUNTIME_IMAGE } from '../../runtime-api/runtime-api.harness';
import { type LoadBounds, runBounded } from './bounded-load';
import { formatCounts, liveRuntimeState, zeros } from './leftovers';

/** Containers boot in seconds here, not milliseconds: a few cycles keep CI time modest. */
const BOUNDS: LoadBounds = { calls: 16, concurrency: 2, deadlineMs: 150_000 };
/** Every fourth cycle stops the runtime while its container still boots. */
const stopsWhileStarting = (index: number) => index % 4 === 3;

/** R6 of targets.md on the docker backend: start/stop cycles leave no container or volume. */
describe('R6: start/stop cycles on the docker backend', () => {
  let deployment: Deployment;
  let waiting: RuntimeApiClient;
  let eager: RuntimeApiClient;

  beforeAll(async () => {
    deployment = await Deployment.create({ RUNTIME_BACKEND: 'docker', START_RATE_PER_MINUTE: '0' });
    waiting = deployment.clientOf(await deployment.replica());
    eager = deployment.clientOf(await deployment.replica({ START_WAIT_SECONDS: '0' }));
  });
  afterAll(() => deployment?.tearDown());

  async function cycle(index: number): Promise<void> {
    const client = stopsWhileStarting(index) ? eager : waiting;
    const runtime = await client.start({ image: RUNTIME_IMAGE, image_pull_policy: 'Never' });
    if (!stopsWhileStarting(index) && runtime.status !== 'running') {
      throw new Error(`cycle ${index}: /start answered ${runtime.status}/${runtime.pod_status}`);
    }
    const stopped = await client.runtimeCall('/stop', { runtime_id: runtime.runtime_id });
    if (stopped.status !== 'stopped') throw new Error(`cycle ${index}: /stop -> ${stopped.status}`);
  }

  it('leaves 0 labelled containers and volumes and 0 live Redis records', async () => {
    const count = () => ({
      containers: labelledContainers(deployment.owner).length,
      volumes: labelledVolumes(deployment.owner).length,
      ...liveRuntimeState(deployment.prefix),
    });
    const before = count();
    const startedAt = Date.now();
    const outcome = await runBounded(BOUNDS, cycle);
    const seconds = Math.round((Date.now() - startedAt) / 1000);
    const raced = Array.from({ length: outcome.started }, (_, i) => i).filter(stopsWhileStarting);
    process.stdout.write(
      `[R6] docker: ${outcome.started} start/stop cycles at concurrency ${BOUNDS.concurrency} in ${seconds} s ` +
        `(${raced.length} stopped while starting), ${outcome.errors.length} errors\n`,
    );
    expect(outcome.errors.map(String)).toEqual([]);
    expect(outcome.started).toBe(BOUNDS.calls);

    // A stop during the boot answers at once; the boot removes its container when it ends.
    const after = await waitFor(
      () => {
        const state = count();
        return Promise.resolve(Object.values(state).every((n) => n === 0) ? state : undefined);
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'every container to be gone' },
    ).catch(count);
    process.stdout.write(`[R6] docker: before ${formatCounts(before)}\n`);
    process.stdout.write(`[R6] docker: after  ${formatCounts(after)}\n`);
    expect(after).toEqual(zeros(after));
  }, 240_000);
});
