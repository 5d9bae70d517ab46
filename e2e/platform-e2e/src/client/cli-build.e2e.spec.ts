import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_IMAGE, BuildDeployment, REGISTRY } from '../builds/build-deployment';
import { agentrt, jsonOf } from './cli-process';

const marker = () => Math.random().toString(16).slice(2, 10);

/**
 * `agentrt build` as a user runs it: the built CLI packs a directory, uploads it with progress,
 * and follows the build (runtime-api + build-service + the local registry) to its end.
 */
describe('agentrt build (built CLI against runtime-api and build-service)', () => {
  let deployment: BuildDeployment;
  let scratch: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    deployment = await BuildDeployment.start();
    scratch = await mkdtemp(join(tmpdir(), 'agentrt-cli-build-'));
    env = { RUNTIME_API_URL: deployment.url, RUNTIME_API_KEY: deployment.apiKey };
  }, 60_000);
  afterAll(async () => {
    await deployment?.tearDown();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }, 60_000);

  /** A build context directory with this Dockerfile and a file it copies. */
  async function contextDir(dockerfile: string): Promise<string> {
    const dir = join(scratch, marker());
    await mkdir(join(dir, 'app'), { recursive: true });
    await writeFile(join(dir, 'Dockerfile'), dockerfile);
    await writeFile(join(dir, 'app', 'hello.txt'), 'hello from the cli\n');
    return dir;
  }

  it('uploads a directory with progress on stderr, follows the log, and prints the image', async () => {
    const id = marker();
    const dir = await contextDir(
      `FROM ${BASE_IMAGE}\nCOPY app/hello.txt /hello.txt\nRUN echo built-${id}\n`,
    );
    const build = await agentrt(['build', dir, '--image', 'cli-app', '--tag', id], env, {
      timeoutMs: 150_000,
    });
    expect(build.stderr).toContain('[upload] uploading 100%');
    expect(build.code).toBe(0);
    // The name went under the Runtime API's registry prefix; stdout is the image alone.
    expect(build.stdout).toBe(`${REGISTRY}/${deployment.namespace}/cli-app:${id}\n`);
    expect(build.stderr).toMatch(/\[build\] \d\d:\d\d WORKING\n/);
    expect(build.stderr).toContain(`| built-${id}`);
    expect(build.stderr).toMatch(/\[build\] \d\d:\d\d SUCCESS /);

    const buildId = /build (b-[0-9a-f]+)/.exec(build.stderr)?.[1] ?? '';
    const status = await agentrt(['build', 'status', buildId, '--json'], env);
    expect(status.code).toBe(0);
    expect(jsonOf(status)).toMatchObject({ build_id: buildId, status: 'SUCCESS' });
  }, 180_000);

  it('exits 1 with the error when the Dockerfile fails; --json gives the final status', async () => {
    const dir = await contextDir(`FROM ${BASE_IMAGE}\nRUN echo about-to-fail && exit 3\n`);
    const build = await agentrt(['build', dir, '--image', 'cli-broken', '--json'], env, {
      timeoutMs: 150_000,
    });
    expect(build.code).toBe(1);
    expect(build.stderr).toContain('| about-to-fail');
    expect(build.stderr).toMatch(/agentrt: build b-[0-9a-f]+ ended FAILURE: .+/);
    const final = jsonOf<{ status: string; error?: string }>(build);
    expect(final.status).toBe('FAILURE');
    expect(final.error).toBeTruthy();
  }, 180_000);

  it('refuses a directory without a Dockerfile before uploading (exit 2)', async () => {
    const dir = join(scratch, `empty-${marker()}`);
    await mkdir(dir);
    const build = await agentrt(['build', dir, '--image', 'cli-nothing'], env);
    expect(build.code).toBe(2);
    expect(build.stderr).toContain(`${dir} has no Dockerfile`);
    expect(build.stderr).not.toContain('[upload]');
  });

  it('exits 4 for the status of an unknown build', async () => {
    const status = await agentrt(['build', 'status', 'b-00000000000000000000'], env);
    expect(status.code).toBe(4);
  });
});
