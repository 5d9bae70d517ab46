import { BashOutputSchema, type Runtime } from '@agentrt/contracts';
import type { AppProcess } from '../support/app-process';
import { labelledContainers, removeLabelled, RUNTIME_IMAGE } from './docker-support';
import {
  executeBash,
  RuntimeApiClient,
  runtimeApiEnv,
  startReplica,
  tearDown,
} from './runtime-api.harness';

const RUNTIMES = 10;

/** R1 of targets.md: kill -9 runtime-api with live docker runtimes, start it again. */
describe('R1: runtime-api killed with 10 live docker runtimes', () => {
  let env: Record<string, string>;
  let apiKey: string;
  let owner: string;
  let root: string;
  const replicas: AppProcess[] = [];
  let client: RuntimeApiClient | undefined;

  beforeAll(async () => {
    const deployment = await runtimeApiEnv({ RUNTIME_BACKEND: 'docker' });
    ({ env, apiKey, root } = deployment);
    owner = env['RUNTIME_OWNER'] ?? '';
  });

  afterAll(async () => {
    await tearDown(client, replicas, root);
    removeLabelled(owner);
  });

  it('reports all 10 running with the same session keys, and stops them to 0 containers', async () => {
    const first = await startReplica(env);
    replicas.push(first);
    const before = new RuntimeApiClient(first.url, apiKey);
    const started: Runtime[] = [];
    for (let i = 0; i < RUNTIMES; i++) {
      started.push(await before.start({ image: RUNTIME_IMAGE, image_pull_policy: 'Never' }));
    }
    await Promise.all(started.map((r) => before.waitReady(r.runtime_id, 60_000)));
    process.stdout.write(`[R1] started ${started.length} runtimes; kill -9 runtime-api\n`);
    first.kill('SIGKILL');
    await first.exited;

    // A new port, so a new RUNTIME_PUBLIC_URL: clients read the url again from the runtime.
    const second = await startReplica(env);
    replicas.push(second);
    client = new RuntimeApiClient(second.url, apiKey);
    for (const runtime of started) {
      const found = await client.lookup(runtime.runtime_id);
      expect(found).toMatchObject({
        status: 'running',
        pod_status: 'ready',
        session_api_key: runtime.session_api_key,
      });
      const response = await executeBash(
        { ...runtime, url: `${second.url}/${runtime.runtime_id}` },
        'echo alive',
      );
      expect(BashOutputSchema.parse(await response.json()).stdout).toContain('alive');
    }
    process.stdout.write(`[R1] after restart: ${started.length}/${RUNTIMES} running, same keys\n`);

    for (const runtime of started) {
      await client.runtimeCall('/stop', { runtime_id: runtime.runtime_id });
    }
    expect(labelledContainers(owner)).toEqual([]);
    process.stdout.write('[R1] after stopping them: 0 labelled containers\n');
  });
});
