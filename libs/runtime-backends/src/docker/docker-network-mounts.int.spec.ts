import { freePort } from '@agentrt/testing';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LABELS } from '../labels';
import { DockerBackend } from './docker-backend';
import type { DockerBackendOptions } from './docker-options';
import { bodyOf, docker, newOwner, okSpec, removeOwned } from './testing/engine-fixture';

const owner = newOwner('test-docker-net');
let tempDirs: string[] = [];

function backend(options: Partial<DockerBackendOptions> = {}): DockerBackend {
  return new DockerBackend({ docker, owner, ...options });
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'agentrt-docker-'));
  tempDirs.push(dir);
  return dir;
}

afterEach(async () => {
  await removeOwned(owner);
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
  tempDirs = [];
});

describe('DockerBackend networks and mounts (real engine)', () => {
  it('on the host network answers on its own port on 127.0.0.1 without publishing it', async () => {
    const port = await freePort();
    const spec = okSpec({
      ports: [port],
      // The host's network: listen on loopback only.
      environment: { PORT: String(port), HOST: '127.0.0.1' },
      readiness: { port, path: '/', timeoutMs: 15_000 },
    });
    const handle = await backend({ network: 'host' }).start(spec);
    expect(handle.endpoints).toEqual({ [port]: `http://127.0.0.1:${port}` });
    expect(await bodyOf(`http://127.0.0.1:${port}/`)).toBe('ok');
    const info = await docker.getContainer(`agentrt-${spec.runtimeId}`).inspect();
    expect(info.HostConfig.NetworkMode).toBe('host');
    expect(info.HostConfig.PortBindings ?? {}).toEqual({});
  });

  it('joins a named bridge network, where runtimes reach each other by name', async () => {
    const network = `agentrt-test-${owner}`;
    await docker.createNetwork({ Name: network, Labels: { [LABELS.owner]: owner } });
    const b = backend({ network });
    const first = await b.start(okSpec());
    const second = await b.start(okSpec());
    expect(await bodyOf(first.endpoints[8000])).toBe('ok');
    const info = await docker.getContainer(`agentrt-${first.runtimeId}`).inspect();
    expect(Object.keys(info.NetworkSettings.Networks)).toEqual([network]);
    const fetchFirst = `fetch('http://agentrt-${first.runtimeId}:8000').then(r => r.text()).then(console.log)`;
    const result = await b.exec(second, ['node', '-e', fetchFirst]);
    expect(result).toMatchObject({ exitCode: 0, stdout: 'ok\n' });
  });

  it('binds the workspace to a host dir that survives pause and resume and goes on stop', async () => {
    const root = await tempDir();
    const b = backend({ workspace: { kind: 'bind', root } });
    const spec = okSpec();
    const handle = await b.start(spec);
    await b.exec(handle, ['sh', '-c', 'echo kept > /workspace/note.txt']);
    const onHost = join(root, spec.runtimeId, 'note.txt');
    expect(await readFile(onHost, 'utf8')).toBe('kept\n');
    await b.pause(handle);
    const resumed = await b.resume(handle);
    expect((await b.exec(resumed, ['cat', '/workspace/note.txt'])).stdout).toBe('kept\n');
    await b.stop(resumed);
    expect(existsSync(join(root, spec.runtimeId))).toBe(false);
  });

  it('mounts existing credential files read-only and skips missing ones', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'token'), 'secret-token\n');
    const credentialMounts = [
      { hostPath: join(dir, 'token'), containerPath: '/run/agentrt/token' },
      { hostPath: join(dir, 'absent'), containerPath: '/run/agentrt/absent' },
    ];
    const b = backend({ credentialMounts });
    const handle = await b.start(okSpec());
    expect((await b.exec(handle, ['cat', '/run/agentrt/token'])).stdout).toBe('secret-token\n');
    const write = await b.exec(handle, ['sh', '-c', 'echo changed > /run/agentrt/token']);
    expect(write.exitCode).not.toBe(0);
    expect(write.stderr).toMatch(/Read-only file system/);
    expect(await readFile(join(dir, 'token'), 'utf8')).toBe('secret-token\n');
    expect((await b.exec(handle, ['test', '-e', '/run/agentrt/absent'])).exitCode).toBe(1);
  });
});
