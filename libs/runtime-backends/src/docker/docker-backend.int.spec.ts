import { randomUUID } from 'node:crypto';
import Dockerode from 'dockerode';
import { waitFor } from '@agentrt/testing';
import { LABELS } from '../labels';
import type { RuntimeSpec } from '../runtime-backend';
import { RuntimeBackendError } from '../runtime-backend-error';
import { DockerBackend } from './docker-backend';

const IMAGE = 'agentrt-local/node-base:bookworm';
const SERVER = "require('http').createServer((q,s)=>s.end('ok')).listen(8000)";
const docker = new Dockerode({ socketPath: '/var/run/docker.sock' });
const owner = `test-docker-${randomUUID().slice(0, 8)}`;
const backend = (): DockerBackend => new DockerBackend({ docker, owner });

function spec(overrides: Partial<RuntimeSpec> = {}): RuntimeSpec {
  const runtimeId = `it-${randomUUID().slice(0, 12)}`;
  return {
    runtimeId,
    sessionId: `session-${runtimeId}`,
    image: IMAGE,
    command: ['node', '-e', SERVER],
    environment: { GREETING: 'hello' },
    ports: [8000],
    resourceFactor: 1,
    pullPolicy: 'Never',
    labels: { 'org.agentrt.test': 'yes' },
    readiness: { port: 8000, path: '/', timeoutMs: 15_000 },
    ...overrides,
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(500) });
    return (await response.text()) === 'ok';
  } catch {
    return false;
  }
}

async function ownedContainers(): Promise<Dockerode.ContainerInfo[]> {
  return docker.listContainers({ all: true, filters: { label: [`${LABELS.owner}=${owner}`] } });
}

async function ownedVolumes(): Promise<string[]> {
  const { Volumes } = await docker.listVolumes({
    filters: { label: [`${LABELS.owner}=${owner}`] },
  });
  return Volumes.map((v) => v.Name);
}

afterEach(async () => {
  for (const c of await ownedContainers()) await docker.getContainer(c.Id).remove({ force: true });
  for (const name of await ownedVolumes()) await docker.getVolume(name).remove();
});

describe('DockerBackend on the real engine', () => {
  it('starts a ready container with limits, labels, env and a published port', async () => {
    const s = spec({ resourceFactor: 2 });
    const handle = await backend().start(s);
    const url = handle.endpoints[8000] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await answers(url)).toBe(true);
    const info = await docker.getContainer(`agentrt-${s.runtimeId}`).inspect();
    expect(info.HostConfig.Memory).toBe(2 * 2 * 1024 ** 3);
    expect(info.HostConfig.NanoCpus).toBe(2e9);
    expect(info.Config.Labels).toMatchObject({
      [LABELS.owner]: owner,
      [LABELS.runtimeId]: s.runtimeId,
      [LABELS.sessionId]: s.sessionId,
      'org.agentrt.test': 'yes',
    });
    expect(info.Config.Env).toContain('GREETING=hello');
    const inspection = await backend().inspect(handle);
    expect(inspection).toMatchObject({ status: 'running', podStatus: 'running', restartCount: 0 });
  });

  it('execs argv and reports stdout, stderr and the exit code', async () => {
    const handle = await backend().start(spec());
    const result = await backend().exec(handle, [
      'sh',
      '-c',
      'echo "out $GREETING"; echo err >&2; exit 3',
    ]);
    expect(result).toEqual({ exitCode: 3, stdout: 'out hello\n', stderr: 'err\n' });
  });

  it('pauses and resumes: the endpoint stops and starts answering', async () => {
    const b = backend();
    const handle = await b.start(spec());
    await b.pause(handle);
    await b.pause(handle);
    expect(await answers(handle.endpoints[8000] ?? '')).toBe(false);
    expect((await b.inspect(handle)).status).toBe('paused');
    const resumed = await b.resume(handle);
    await b.resume(resumed);
    const url = resumed.endpoints[8000] ?? '';
    await waitFor(() => answers(url), { timeoutMs: 5_000, description: 'resumed endpoint' });
    expect((await b.inspect(resumed)).status).toBe('running');
  });

  it('stop removes the container and its volume, and is idempotent', async () => {
    const b = backend();
    const handle = await b.start(spec());
    expect(await ownedVolumes()).toHaveLength(1);
    await b.stop(handle);
    expect(await ownedContainers()).toHaveLength(0);
    expect(await ownedVolumes()).toHaveLength(0);
    await expect(b.stop(handle)).resolves.toBeUndefined();
    expect((await b.inspect(handle)).podStatus).toBe('not found');
  });

  it('refuses a missing image with pull policy Never', async () => {
    const image = `agentrt-local/missing-${randomUUID().slice(0, 8)}:none`;
    const error = await backend()
      .start(spec({ image }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeBackendError);
    expect(error).toMatchObject({ reason: 'image_not_found' });
    expect((error as Error).message).toContain(image);
    expect(await ownedContainers()).toHaveLength(0);
  });

  it('fails a readiness timeout with the last log lines and leaves nothing behind', async () => {
    const command = ['node', '-e', "console.log('booting slowly'); setInterval(() => {}, 1000)"];
    const s = spec({ command, readiness: { port: 8000, path: '/', timeoutMs: 1_500 } });
    const error = await backend()
      .start(s)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'not_ready' });
    expect((error as RuntimeBackendError).logsTail).toContain('booting slowly');
    expect(await ownedContainers()).toHaveLength(0);
    expect(await ownedVolumes()).toHaveLength(0);
  });

  it('lists its runtimes from a fresh instance, by labels', async () => {
    const s = spec();
    const handle = await backend().start(s);
    const listed = await backend().list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      handle: { backend: 'docker', runtimeId: s.runtimeId, endpoints: handle.endpoints },
      sessionId: s.sessionId,
      status: 'running',
    });
  });

  it('kills the processes of a timed-out exec and refuses exec on a gone runtime', async () => {
    const b = backend();
    const handle = await b.start(spec());
    const hanging = ['sh', '-c', 'sleep 30 & sleep 31; echo never'];
    const error = await b.exec(handle, hanging, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'exec_failed' });
    expect((error as Error).message).toMatch(/timed out after 300 ms; its processes were killed/);
    // The base image has no ps: list the command lines of the processes that are not zombies.
    const listing =
      'for p in /proc/[0-9]*; do grep -q "^State:.*Z" $p/status || tr "\\0" " " < $p/cmdline; echo; done';
    const { stdout } = await b.exec(handle, ['sh', '-c', listing]);
    expect(stdout).toContain('node -e');
    expect(stdout).not.toMatch(/sleep 3[01]/);
    await b.stop(handle);
    await expect(b.exec(handle, ['true'])).rejects.toMatchObject({ reason: 'not_found' });
  });

  it('reports a crashed runtime as error with its exit code and last log lines', async () => {
    const b = backend();
    const command = ['node', '-e', "console.error('fatal: no config'); process.exit(3)"];
    const handle = await b.start(spec({ command, readiness: undefined }));
    const inspection = await waitFor(
      async () => {
        const result = await b.inspect(handle);
        return result.status === 'error' && result;
      },
      { timeoutMs: 10_000, description: 'the runtime to exit' },
    );
    expect(inspection.podStatus).toBe('failed');
    expect(inspection.logsTail).toContain('fatal: no config');
    expect(inspection.events.map((e) => e.message)).toContain('exited with code 3');
  });

  it('refuses a second start of the same runtime id and keeps the first', async () => {
    const b = backend();
    const s = spec();
    const handle = await b.start(s);
    await expect(b.start(s)).rejects.toMatchObject({ reason: 'start_failed' });
    expect(await answers(handle.endpoints[8000] ?? '')).toBe(true);
  });

  it('answers ping', async () => {
    await expect(backend().ping()).resolves.toBeUndefined();
  });
});
