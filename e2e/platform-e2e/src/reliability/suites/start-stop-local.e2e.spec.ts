import type { Runtime } from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import { Deployment } from '../../runtime-api/deployment';
import { type RuntimeApiClient, RUNTIME_IMAGE } from '../../runtime-api/runtime-api.harness';
import { type LoadBounds, runBounded } from './bounded-load';
import {
  formatCounts,
  liveRuntimeState,
  localLeftovers,
  removeTempLeftovers,
  zeros,
} from './leftovers';

const BOUNDS: LoadBounds = { calls: 200, concurrency: 4, deadlineMs: 240_000 };

/**
 * A plain cycle is what most clients do; a CLI agent leaves a tmux server (which leaves the
 * agent server's process group) and a child process in it; a stop that arrives while the runtime
 * still boots is the race where a leak would hide (the boot finishes after the stop answered).
 */
type CycleKind = 'plain' | 'cli-agent' | 'stop-while-starting';

function kindOf(index: number): CycleKind {
  if (index % 4 === 3) return 'stop-while-starting';
  return index % 10 === 0 ? 'cli-agent' : 'plain';
}

/** R6 of targets.md on the local backend: 200 start/stop cycles leave nothing behind. */
describe('R6: 200 start/stop cycles on the local backend', () => {
  let deployment: Deployment;
  /** START_WAIT_SECONDS at its default: /start answers once the runtime is ready. */
  let waiting: RuntimeApiClient;
  /** START_WAIT_SECONDS=0: /start answers `starting` at once, so the stop races the boot. */
  let eager: RuntimeApiClient;
  const started: string[] = [];

  beforeAll(async () => {
    deployment = await Deployment.create({ START_RATE_PER_MINUTE: '0', MAX_RUNTIMES_PER_KEY: '0' });
    waiting = deployment.clientOf(await deployment.replica());
    eager = deployment.clientOf(await deployment.replica({ START_WAIT_SECONDS: '0' }));
  });
  afterAll(async () => {
    await deployment?.tearDown();
    removeTempLeftovers(started);
  });

  async function cycle(index: number, counts: Record<CycleKind, number>): Promise<void> {
    const kind = kindOf(index);
    const client = kind === 'stop-while-starting' ? eager : waiting;
    const runtime = await client.start({ image: RUNTIME_IMAGE });
    started.push(runtime.runtime_id);
    if (kind !== 'stop-while-starting' && runtime.status !== 'running') {
      throw new Error(`cycle ${index}: /start answered ${runtime.status}/${runtime.pod_status}`);
    }
    if (kind === 'cli-agent') await startCliAgent(runtime);
    const stopped = await client.runtimeCall('/stop', { runtime_id: runtime.runtime_id });
    if (stopped.status !== 'stopped') throw new Error(`cycle ${index}: /stop -> ${stopped.status}`);
    counts[kind] += 1;
  }

  it('leaves 0 processes, tmux servers, workspaces or live Redis records', async () => {
    const before = { ...(await localLeftovers(deployment.root, [])), ...redisState() };
    const counts: Record<CycleKind, number> = {
      plain: 0,
      'cli-agent': 0,
      'stop-while-starting': 0,
    };
    const startedAt = Date.now();
    const outcome = await runBounded(BOUNDS, (index) => cycle(index, counts));
    const seconds = Math.round((Date.now() - startedAt) / 1000);
    process.stdout.write(
      `[R6] local: ${outcome.started} start/stop cycles at concurrency ${BOUNDS.concurrency} in ${seconds} s ` +
        `(${counts.plain} plain, ${counts['cli-agent']} with a CLI agent in tmux, ` +
        `${counts['stop-while-starting']} stopped while starting), ${outcome.errors.length} errors\n`,
    );
    expect(outcome.errors.map(String)).toEqual([]);
    expect(outcome.started).toBe(BOUNDS.calls);

    // A stop during the boot answers at once; the boot removes what it brought up when it ends.
    const after = await waitFor(
      async () => {
        const state = { ...(await localLeftovers(deployment.root, started)), ...redisState() };
        return Object.values(state).every((n) => n === 0) ? state : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, description: 'every runtime to be gone' },
    ).catch(async () => ({ ...(await localLeftovers(deployment.root, started)), ...redisState() }));
    process.stdout.write(`[R6] local: before ${formatCounts(before)}\n`);
    process.stdout.write(`[R6] local: after  ${formatCounts(after)}\n`);
    expect(after).toEqual(zeros(after));
    expect((await waiting.list()).total).toBe(0);
  }, 300_000);

  function redisState() {
    return liveRuntimeState(deployment.prefix);
  }
});

/** A CLI agent (`sleep`) in its own tmux session of the runtime, through the runtime's url. */
async function startCliAgent(runtime: Runtime): Promise<void> {
  const response = await fetch(`${runtime.url}/api/cli-agents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Session-API-Key': runtime.session_api_key },
    body: JSON.stringify({ name: 'sleeper', command: ['sleep', '600'] }),
  });
  if (response.status !== 201) {
    throw new Error(`POST /api/cli-agents -> ${response.status}: ${await response.text()}`);
  }
}
