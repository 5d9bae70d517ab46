import { BashOutputSchema, type Runtime } from '@agentrt/contracts';
import { Deployment } from './deployment';
import { labelledContainers } from './docker-support';
import { executeBash, RUNTIME_IMAGE } from './runtime-api.harness';

const RUNTIMES = 10;

/** R1 of targets.md: kill -9 runtime-api with live docker runtimes, start it again. */
describe('R1: runtime-api killed with 10 live docker runtimes', () => {
  let deployment: Deployment;
  let owner: string;

  beforeAll(async () => {
    deployment = await Deployment.create({ RUNTIME_BACKEND: 'docker' });
    ({ owner } = deployment);
  });
  afterAll(() => deployment?.tearDown());

  // Ten containers boot, survive a restart and stop: minutes, not seconds, on a busy 2-core machine.
  it('reports all 10 running with the same session keys, and stops them to 0 containers', async () => {
    const first = await deployment.replica();
    const before = deployment.clientOf(first);
    const started: Runtime[] = [];
    for (let i = 0; i < RUNTIMES; i++) {
      started.push(await before.start({ image: RUNTIME_IMAGE, image_pull_policy: 'Never' }));
    }
    await Promise.all(started.map((r) => before.waitReady(r.runtime_id, 60_000)));
    process.stdout.write(`[R1] started ${started.length} runtimes; kill -9 runtime-api\n`);
    first.kill('SIGKILL');
    await first.exited;

    // A new port, so a new RUNTIME_PUBLIC_URL: clients read the url again from the runtime.
    const second = await deployment.replica();
    const client = deployment.clientOf(second);
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
  }, 240_000);
});
