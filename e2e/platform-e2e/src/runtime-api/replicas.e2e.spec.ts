import { BashOutputSchema, type Runtime } from '@agentrt/contracts';
import type { AppProcess } from '../support/app-process';
import { Deployment } from './deployment';
import {
  executeBash,
  ownedRuntimes,
  processAlive,
  type RuntimeApiClient,
  RUNTIME_IMAGE as IMAGE,
} from './runtime-api.harness';

const ROUNDS = 10;

/** Where one /stop-on-A versus /pause-on-B race ended, as a client and the machine see it. */
interface RoundOutcome {
  stop: number;
  pauseAnswered: 'ok' | 'refused' | number;
  statusOnA?: string;
  statusOnB?: string;
  processLeft: boolean;
  recordLeft: boolean;
}

describe('two runtime-api replicas of one deployment', () => {
  let deployment: Deployment;
  let b: AppProcess;
  let onA: RuntimeApiClient;
  let onB: RuntimeApiClient;
  let root: string;
  let prefix = '';

  /** The same runtime as reached through B's proxy. */
  const viaB = (runtime: Runtime): Runtime => ({
    ...runtime,
    url: `${b.url}/${runtime.runtime_id}`,
  });

  beforeAll(async () => {
    // Same Redis prefix, owner and root; each its own port and (default) RUNTIME_PUBLIC_URL.
    deployment = await Deployment.start();
    b = await deployment.replica();
    ({ root, prefix } = deployment);
    [onA, onB] = [deployment.client, deployment.clientOf(b)];
  });
  afterAll(() => deployment?.tearDown());

  it('serves a runtime started on A from B, and a pause on B is seen by A', async () => {
    const sessionId = `replicas-${prefix}`;
    const started = await onA.start({ image: IMAGE, session_id: sessionId });
    const runtime = await onA.waitReady(started.runtime_id);

    expect(await onB.lookup(runtime.runtime_id)).toMatchObject({
      runtime_id: runtime.runtime_id,
      session_id: sessionId,
      status: 'running',
      pod_status: 'ready',
      session_api_key: runtime.session_api_key,
      url: viaB(runtime).url,
    });
    const bySession = await onB.call('GET', `/sessions/${sessionId}`);
    expect(bySession.status).toBe(200);
    expect(await bySession.json()).toMatchObject({ runtime_id: runtime.runtime_id });

    const throughB = await executeBash(viaB(runtime), 'echo via-b');
    expect(throughB.status).toBe(200);
    expect(BashOutputSchema.parse(await throughB.json()).stdout).toContain('via-b');

    const paused = await onB.runtimeCall('/pause', { runtime_id: runtime.runtime_id });
    expect(paused.status).toBe('paused');
    const refused = await executeBash(runtime, 'true');
    expect(refused.status).toBe(503);
    await refused.body?.cancel();

    const resumed = await onA.runtimeCall('/resume', { runtime_id: runtime.runtime_id });
    expect(resumed).toMatchObject({ status: 'running', session_api_key: runtime.session_api_key });
    for (const target of [runtime, viaB(runtime)]) {
      const response = await executeBash(target, 'echo back');
      expect(BashOutputSchema.parse(await response.json()).stdout).toContain('back');
    }
    await onA.runtimeCall('/stop', { runtime_id: runtime.runtime_id });
  }, 60_000);

  it('ends 10 races of /stop on A against /pause on B stopped, with nothing left', async () => {
    const fresh = await Promise.all(
      Array.from({ length: ROUNDS }, async (_, i) => {
        const client = i % 2 === 0 ? onA : onB;
        const started = await client.start({ image: IMAGE });
        return await client.waitReady(started.runtime_id, 60_000);
      }),
    );
    const owned = await ownedRuntimes(root);
    const outcomes: RoundOutcome[] = [];
    for (const runtime of fresh) {
      const pid = owned.find((r) => r.runtimeId === runtime.runtime_id)?.pid;
      if (pid === undefined) throw new Error(`no owned record for ${runtime.runtime_id}`);
      const body = { runtime_id: runtime.runtime_id };
      const [stop, pause] = await Promise.all([
        onA.call('POST', '/stop', body),
        onB.call('POST', '/pause', body),
      ]);
      await Promise.all([stop.body?.cancel(), pause.body?.cancel()]);
      const [foundOnA, foundOnB] = await Promise.all([
        onA.lookup(runtime.runtime_id),
        onB.lookup(runtime.runtime_id),
      ]);
      outcomes.push({
        stop: stop.status,
        // 200: the pause won the race (the stop then ended it); 409/404: the stop came first.
        pauseAnswered:
          pause.status === 200
            ? 'ok'
            : [404, 409].includes(pause.status)
              ? 'refused'
              : pause.status,
        statusOnA: 'status' in foundOnA ? foundOnA.status : undefined,
        statusOnB: 'status' in foundOnB ? foundOnB.status : undefined,
        processLeft: await processAlive(pid),
        recordLeft: (await ownedRuntimes(root)).some((r) => r.runtimeId === runtime.runtime_id),
      });
    }
    expect(outcomes).toEqual(
      outcomes.map((outcome) => ({
        stop: 200,
        pauseAnswered: outcome.pauseAnswered === 'ok' ? 'ok' : 'refused',
        statusOnA: 'stopped',
        statusOnB: 'stopped',
        processLeft: false,
        recordLeft: false,
      })),
    );
    process.stdout.write(
      `[replicas] pause won ${outcomes.filter((o) => o.pauseAnswered === 'ok').length} of ${ROUNDS} races\n`,
    );
  }, 120_000);
});
