import { inspectBuildContext } from '@agentrt/build-context';
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FakeRuntimeApi } from './testing/fake-runtime-api';
import { REPO_ROOT, runBuildCommand } from './testing/run-command';

const KEY = `rt-key-${randomUUID()}`;
// Inside the repo like every build output (AGENTRT_DIST_DIR conventions).
const OUTPUT = join(REPO_ROOT, 'tmp', `agent-server-context-upload-${randomUUID().slice(0, 8)}`);

let api: FakeRuntimeApi | undefined;

afterEach(async () => {
  await api?.close();
  api = undefined;
});

afterAll(async () => {
  await rm(OUTPUT, { recursive: true, force: true });
});

function env(url: string): Record<string, string> {
  return { RUNTIME_API_URL: url, RUNTIME_API_KEY: KEY, BASE_IMAGE: 'node:22-bookworm-slim' };
}

describe('scripts/build-agent-server-context with a Runtime API (fake API server)', () => {
  it('uploads the context, shows progress on stderr and prints only the image on stdout', async () => {
    const image = 'localhost:5000/agentrt/agent-server:abc1234-source-minimal';
    api = await FakeRuntimeApi.start({
      apiKey: KEY,
      registryPrefix: 'localhost:5000/agentrt',
      statuses: [{ status: 'QUEUED' }, { status: 'WORKING' }, { status: 'SUCCESS', image }],
      logLines: ['Step 1/27 : ARG BASE_IMAGE=node:22-bookworm-slim', 'Successfully tagged it'],
    });
    const run = await runBuildCommand(
      ['--target', 'source-minimal', '--output', OUTPUT],
      env(api.url),
    );
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 0, stdout: `${image}\n` });
    expect(run.stderr).toMatch(/\[agent-server-build\] \d\d:\d\d \| Successfully tagged it\n/);
    expect(run.stderr).toContain(`SUCCESS ${image}`);
    expect(run.stderr).not.toContain(KEY);
    expect(api.violations).toEqual([]);
    const [build] = api.builds;
    const tag = String((build?.['tags'] as string[])[0]);
    expect(build).toMatchObject({
      target_image: 'localhost:5000/agentrt/agent-server',
      tags: [expect.stringMatching(/^[0-9a-f]{7}(-dirty)?-source-minimal$/)],
      target: 'source-minimal',
      build_args: { BASE_IMAGE: 'node:22-bookworm-slim' },
    });
    // What went up is the archive the command wrote, and the build service would accept it.
    const sent = Buffer.from(String(build?.['context']), 'base64');
    expect(sent.equals(await readFile(join(OUTPUT, `agent-server-${tag}.tar.gz`)))).toBe(true);
    await expect(inspectBuildContext(sent)).resolves.toMatchObject({ dockerfile: 'Dockerfile' });
  }, 240_000);

  it('prints the build error and exits 1 when the build fails', async () => {
    api = await FakeRuntimeApi.start({
      apiKey: KEY,
      statuses: [
        { status: 'WORKING' },
        { status: 'FAILURE', error: 'step 5: apt-get: no network' },
      ],
      logLines: ['Step 5/27 : RUN apt-get update', 'E: Could not resolve deb.debian.org'],
    });
    const run = await runBuildCommand(['--output', OUTPUT], env(api.url));
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 1, stdout: '' });
    expect(run.stderr).toContain(
      'build build-fake-0001 ended FAILURE: step 5: apt-get: no network\n',
    );
    expect(run.stderr).toContain('| E: Could not resolve deb.debian.org');
    expect(run.stderr).not.toContain(KEY);
    expect(api.violations).toEqual([]);
  }, 240_000);
});
