import { BashOutputSchema, type Runtime } from '@agentrt/contracts';
import { Deployment } from './deployment';
import { labelledContainers, labelledVolumes } from './docker-support';
import { executeBash, type RuntimeApiClient, RUNTIME_IMAGE } from './runtime-api.harness';

describe('runtime-api on the docker backend: a real agent server in a container', () => {
  let deployment: Deployment;
  let client: RuntimeApiClient;
  let owner: string;
  let runtime: Runtime;

  beforeAll(async () => {
    deployment = await Deployment.start({ RUNTIME_BACKEND: 'docker' });
    ({ client, owner } = deployment);
  });
  afterAll(() => deployment?.tearDown());

  it('starts a container whose url runs commands as the non-root user with tmux, git and python3', async () => {
    const started = await client.start({
      image: RUNTIME_IMAGE,
      environment: { GREETING: 'from-docker' },
      image_pull_policy: 'Never',
    });
    runtime = await client.waitReady(started.runtime_id);
    expect(labelledContainers(owner)).toHaveLength(1);
    const response = await executeBash(
      runtime,
      'id -u && tmux -V && git --version && python3 -c "print(6 * 7)" && echo $GREETING > /workspace/note.txt && cat /workspace/note.txt',
    );
    expect(response.status).toBe(200);
    const output = BashOutputSchema.parse(await response.json());
    expect(output.exit_code).toBe(0);
    expect(output.stdout).toMatch(/^1000\n/);
    expect(output.stdout).toMatch(/tmux \d/);
    expect(output.stdout).toMatch(/git version/);
    expect(output.stdout).toMatch(/^42$/m);
    expect(output.stdout).toContain('from-docker');
  });

  it('pauses (503 at the url), resumes with the same key and files', async () => {
    await client.runtimeCall('/pause', { runtime_id: runtime.runtime_id });
    expect((await executeBash(runtime, 'true')).status).toBe(503);
    const resumed = await client.runtimeCall('/resume', { runtime_id: runtime.runtime_id });
    expect(resumed.session_api_key).toBe(runtime.session_api_key);
    const again = await executeBash(runtime, 'cat /workspace/note.txt');
    expect(BashOutputSchema.parse(await again.json()).stdout).toContain('from-docker');
  });

  it('stops it and leaves no container or volume behind', async () => {
    await client.runtimeCall('/stop', { runtime_id: runtime.runtime_id });
    expect(labelledContainers(owner)).toEqual([]);
    expect(labelledVolumes(owner)).toEqual([]);
  });

  it('reports a missing image as a failed start with the reason, and leaks nothing', async () => {
    const started = await client.start({
      image: 'agentrt-local/does-not-exist:never',
      image_pull_policy: 'Never',
    });
    const found = await client.lookup(started.runtime_id);
    expect(found).toMatchObject({ status: 'error', pod_status: 'failed' });
    expect(JSON.stringify(found)).toMatch(/does-not-exist/);
    expect(labelledContainers(owner)).toEqual([]);
  });
});
