import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { DockerBackend } from './docker-backend';
import { isNotFound } from './docker-errors';
import { bodyOf, docker, newOwner, okSpec, removeOwned } from './testing/engine-fixture';

const run = promisify(execFile);
const IMAGE = 'agentrt/agent-server-runtime:dev';
const BUILD_SCRIPT = resolve(__dirname, '../../../../scripts/build-runtime-image.sh');
const owner = newOwner('test-runtime-image');
const backend = new DockerBackend({ docker, owner });

async function imagePresent(): Promise<boolean> {
  try {
    await docker.getImage(IMAGE).inspect();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

// On a fresh machine the image is built here: nx build, production deps, apt in the image.
beforeAll(async () => {
  if (await imagePresent()) return;
  await run('env', [`AGENTRT_RUNTIME_IMAGE=${IMAGE}`, 'bash', BUILD_SCRIPT], {
    timeout: 15 * 60_000,
    maxBuffer: 64 * 1024 ** 2,
  });
}, 16 * 60_000);

afterEach(async () => {
  await removeOwned(owner);
});

function runtimeSpec() {
  return okSpec({
    image: IMAGE,
    command: [],
    readiness: { port: 8000, path: '/alive', timeoutMs: 30_000 },
  });
}

describe('the agent-server runtime image on DockerBackend (real engine)', () => {
  it('serves the agent server as uid 1000 with tmux, git and a workspace it owns', async () => {
    const handle = await backend.start(runtimeSpec());
    expect(await bodyOf(`${handle.endpoints[8000]}/alive`)).toContain('ok');
    const sh = (script: string) => backend.exec(handle, ['sh', '-c', script]);
    expect(await sh('id -u; id -g; echo "$HOME"')).toMatchObject({
      exitCode: 0,
      stdout: expect.stringMatching(/^1000\n1000\n\/home\/\w+\n$/),
    });
    expect((await backend.exec(handle, ['tmux', '-V'])).stdout).toMatch(/^tmux \d/);
    expect((await backend.exec(handle, ['git', '--version'])).stdout).toMatch(/^git version \d/);
    expect(
      (await backend.exec(handle, ['ps', '-o', 'uid=,comm=', '-p', '1'])).stdout.trim(),
    ).toMatch(/^1000\s+node$/);
    expect(await sh('cd /workspace && git init -q repo && stat -c %u repo')).toMatchObject({
      exitCode: 0,
      stdout: '1000\n',
    });
    await backend.stop(handle);
    expect((await backend.inspect(handle)).podStatus).toBe('not found');
  });

  it('boots from the V8 code cache made when the image was built', async () => {
    const handle = await backend.start(runtimeSpec());
    const logs = await docker.getContainer(handle.ref).logs({ stdout: true, follow: false });
    // The loader's first line says whether the cache fitted this image's node and flags.
    expect(logs.toString('utf8')).toMatch(/"msg":"app loaded","code_cache":"used"/);
    const ls = await backend.exec(handle, ['sh', '-c', 'ls /app; touch /app/x 2>&1; echo $?']);
    expect(ls.stdout).toMatch(/app\.js\.[0-9a-f]{32}\.code-cache/);
    expect(ls.stdout.trim().endsWith('1')).toBe(true); // read-only for the agent's user
    await backend.stop(handle);
  });

  it('kills a timed-out exec of the non-root user (ps shows no sleep left)', async () => {
    const handle = await backend.start(runtimeSpec());
    await expect(
      backend.exec(handle, ['bash', '-c', 'sleep 30; echo never'], { timeoutMs: 500 }),
    ).rejects.toThrow(/its processes were killed/);
    const { stdout } = await backend.exec(handle, ['ps', '-e', '-o', 'stat=,args=']);
    const live = stdout.split('\n').filter((line) => !line.trim().startsWith('Z'));
    expect(live.join('\n')).not.toContain('sleep 30');
  });
});
