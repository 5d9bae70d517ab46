import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BashOutputSchema, type Runtime } from '@agentrt/contracts';
import { waitFor } from '@agentrt/testing';
import { Deployment } from './deployment';
import {
  executeBash,
  ownedRuntimes,
  processAlive,
  redisCli,
  RUNTIME_IMAGE as IMAGE,
} from './runtime-api.harness';

/** Restart safety on the local backend (the docker variant is restart-docker.e2e.spec.ts). */
describe('runtime-api killed with SIGKILL and started again', () => {
  let deployment: Deployment;
  let root: string;
  let prefix = '';

  beforeAll(async () => {
    deployment = await Deployment.create();
    ({ root, prefix } = deployment);
  });
  afterAll(() => deployment?.tearDown());

  const pidOf = async (runtime: Runtime): Promise<number> => {
    const owned = await ownedRuntimes(root);
    const pid = owned.find((r) => r.runtimeId === runtime.runtime_id)?.pid;
    if (pid === undefined) throw new Error(`no owned record for ${runtime.runtime_id}`);
    return pid;
  };

  it('adopts a live runtime, reports a vanished one stopped and sweeps an orphan', async () => {
    const first = await deployment.replica();
    const before = deployment.clientOf(first);
    const [survivor, vanished, orphan] = await Promise.all(
      [0, 1, 2].map(async () => {
        const started = await before.start({ image: IMAGE });
        return await before.waitReady(started.runtime_id);
      }),
    );
    if (!survivor || !vanished || !orphan) throw new Error('three runtimes were started');
    const written = await executeBash(survivor, 'echo kept > kept.txt');
    expect(written.status).toBe(200);
    await written.body?.cancel();
    const [vanishedPid, orphanPid] = [await pidOf(vanished), await pidOf(orphan)];

    first.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    // While runtime-api is down, one runtime dies behind its back and another loses its record.
    process.kill(-vanishedPid, 'SIGKILL');
    await waitFor(async () => !(await processAlive(vanishedPid)), {
      description: `runtime ${vanished.runtime_id} to die`,
    });
    redisCli('DEL', `${prefix}:rt:rec:${orphan.runtime_id}`);
    redisCli('SREM', `${prefix}:rt:live`, orphan.runtime_id);
    expect(await processAlive(orphanPid)).toBe(true);

    const second = await deployment.restart(first);
    const client = deployment.clientOf(second);

    expect(await client.lookup(survivor.runtime_id)).toMatchObject({
      status: 'running',
      pod_status: 'ready',
      session_api_key: survivor.session_api_key,
      url: survivor.url,
    });
    const read = await executeBash(survivor, 'cat kept.txt');
    expect(read.status).toBe(200);
    expect(BashOutputSchema.parse(await read.json()).stdout).toContain('kept');

    expect(await client.lookup(vanished.runtime_id)).toMatchObject({
      status: 'stopped',
      pod_status: 'not found',
    });
    expect((await executeBash(vanished, 'true')).status).toBe(404);

    // Nothing is left of the vanished runtime or the orphan: no process, record or workspace.
    expect(await processAlive(orphanPid)).toBe(false);
    const left = (await ownedRuntimes(root)).map((r) => r.runtimeId);
    expect(left).toEqual([survivor.runtime_id]);
    expect(existsSync(join(root, orphan.runtime_id))).toBe(false);
    expect(existsSync(join(root, vanished.runtime_id))).toBe(false);
    const list = await client.list();
    expect(list.runtimes.map((r) => r.runtime_id)).toEqual([survivor.runtime_id]);
  }, 90_000);
});
