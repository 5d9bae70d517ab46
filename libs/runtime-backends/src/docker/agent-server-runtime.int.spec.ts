import { waitFor } from '@agentrt/testing';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { LABELS } from '../labels';
import { DockerBackend } from './docker-backend';
import { isNotFound } from './docker-errors';
import { bodyOf, docker, newOwner, okSpec, removeOwned } from './testing/engine-fixture';

const run = promisify(execFile);
// The tag scripts/build-runtime-image.sh builds, so a work-in-progress image can be tested.
// eslint-disable-next-line no-restricted-properties -- the test command says which image
const IMAGE = process.env['AGENTRT_RUNTIME_IMAGE'] ?? 'agentrt/agent-server-runtime:dev';
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

// On a fresh machine the image is built here, from source in the engine (minutes, once).
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
    expect((await backend.exec(handle, ['bash', '--version'])).stdout).toMatch(/^GNU bash/);
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

type HealthTiming = { Interval: number; StartPeriod?: number; Retries?: number };
/** Checked every 100 ms instead of the image's 30 s; the rest as the image says. */
const FAST_CHECKS: HealthTiming = { Interval: 100e6 };

/**
 * A container of the image (no network: the check asks loopback). The engine takes the fields
 * `timing` leaves out, the check's command first of all, from the image.
 */
async function startChecked(cmd?: string[], timing = FAST_CHECKS): Promise<string> {
  const container = await docker.createContainer({
    Image: IMAGE,
    ...(cmd ? { Cmd: cmd } : {}),
    Labels: { [LABELS.owner]: owner },
    Healthcheck: timing,
    HostConfig: { NetworkMode: 'none' },
  });
  await container.start();
  return container.id;
}

/** Runs `script` in the container as the image's user; its stdout (rejects on a non-zero exit). */
async function sh(id: string, script: string): Promise<string> {
  const { stdout } = await run('docker', ['exec', id, 'sh', '-c', script]);
  return stdout;
}

async function healthOf(id: string): Promise<string | undefined> {
  return (await docker.getContainer(id).inspect()).State.Health?.Status;
}

describe('the runtime image health check', () => {
  it('asks /alive with bash, no node process per check', async () => {
    const { Config } = await docker.getImage(IMAGE).inspect();
    const test = Config.Healthcheck?.Test ?? [];
    expect(test.slice(0, 2)).toEqual(['CMD', 'bash']);
    expect(test.join(' ')).toContain('/alive');
    expect(test.join(' ')).not.toMatch(/\bnode\b/);
  });

  it('reports healthy once the agent server answers', async () => {
    const id = await startChecked();
    // Within the image's start period a failing check does not count: only healthy can come.
    await waitFor(async () => (await healthOf(id)) === 'healthy', {
      timeoutMs: 20_000,
      description: 'healthy',
    });
  });

  it('reports unhealthy when /alive answers anything but 200', async () => {
    const answers503 =
      "require('http').createServer((q,s)=>{s.statusCode=503;s.end()}).listen(8000)";
    // No start period and one failure is enough: the verdict comes with the first checks.
    const id = await startChecked(['node', '-e', answers503], {
      ...FAST_CHECKS,
      StartPeriod: 1e6,
      Retries: 1,
    });
    await waitFor(async () => (await healthOf(id)) === 'unhealthy', {
      timeoutMs: 30_000,
      description: 'unhealthy',
    });
    expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
  });
});

describe("the runtime image's node_modules", () => {
  it('hold only what app.js loads at run time (the AI SDK, playwright-core), no dev packages', async () => {
    const id = await startChecked(['sleep', '60']);
    const listed = await sh(id, 'cd /app/node_modules && ls -d * @*/*');
    const packages = listed.split('\n').filter(Boolean);
    expect(packages).toEqual(
      expect.arrayContaining(['ai', '@ai-sdk/openai', '@ai-sdk/anthropic', 'playwright-core']),
    );
    for (const excluded of ['typescript', 'jest', 'nx', '@nx/webpack', '@swc/core', 'dockerode'])
      expect(packages).not.toContain(excluded);
    // What the agent loop and the browser tool require at their first use loads from there.
    const externals = ['ai', '@ai-sdk/anthropic', '@ai-sdk/openai', '@ai-sdk/openai-compatible'];
    const load = [...externals, 'playwright-core'].map((p) => `require('${p}');`).join('');
    expect(await sh(id, `cd /app && node -e "${load} console.log('loaded')"`)).toBe('loaded\n');
  });
});
