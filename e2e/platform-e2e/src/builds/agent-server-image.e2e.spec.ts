import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BashOutputSchema } from '@agentrt/contracts';
import { E2E } from '../support/e2e-env';
import { executeBash, RuntimeApiClient } from '../runtime-api/runtime-api.harness';
import { BASE_IMAGE, BuildDeployment } from './build-deployment';

interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs scripts/build-agent-server-context as a user would, bounded in time. */
function buildContextCommand(env: Record<string, string>, args: string[]): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['scripts/build-agent-server-context', ...args], {
      cwd: E2E.workspaceRoot,
      env: { PATH: E2E.path, HOME: tmpdir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Our own agent-server image, the whole way: the context command uploads to /build, follows the
 * build and prints the image; runtime-api's docker backend then starts it as a runtime.
 */
describe('the agent-server context built through /build and started as a runtime', () => {
  let deployment: BuildDeployment;
  let output: string;

  beforeAll(async () => {
    deployment = await BuildDeployment.start({ api: { RUNTIME_BACKEND: 'docker' } });
    output = await mkdtemp(join(tmpdir(), 'agent-server-context-'));
  }, 60_000);
  afterAll(async () => {
    await deployment?.tearDown();
    await rm(output, { recursive: true, force: true });
  }, 60_000);

  it('prints the pushed image, which runs as a runtime answering commands', async () => {
    const result = await buildContextCommand(
      {
        RUNTIME_API_URL: deployment.url,
        RUNTIME_API_KEY: deployment.apiKey,
        BASE_IMAGE,
      },
      ['--target', 'binary-minimal', '--output', output],
    );
    expect({ code: result.code, stderr: result.stderr.slice(-2000) }).toMatchObject({ code: 0 });
    expect(result.stderr).not.toContain(deployment.apiKey);
    const image = result.stdout.trim();
    expect(image).toMatch(
      new RegExp(
        `^127\\.0\\.0\\.1:5000/${deployment.namespace}/agent-server:[0-9a-f]{7}(-dirty)?-binary-minimal$`,
      ),
    );
    const [archive] = (await readdir(output)).filter((name) => name.endsWith('.tar.gz'));
    expect(archive).toMatch(/^agent-server-([0-9a-f]{7}(-dirty)?|nogit)-binary-minimal\.tar\.gz$/);

    const client = new RuntimeApiClient(deployment.url, deployment.apiKey);
    const started = await client.start({ image, image_pull_policy: 'Never' });
    const runtime = await client.waitReady(started.runtime_id);
    const response = await executeBash(runtime, 'id -u && echo built-through-the-api');
    expect(response.status).toBe(200);
    const bash = BashOutputSchema.parse(await response.json());
    expect(bash).toMatchObject({ exit_code: 0 });
    expect(bash.stdout).toBe('1000\nbuilt-through-the-api\n');
    await client.runtimeCall('/stop', { runtime_id: runtime.runtime_id });
  }, 420_000);
});
