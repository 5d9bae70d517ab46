import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AgentServerClient,
  BuildsClient,
  followBuild,
  prepareBuildContext,
  RuntimeApiClient,
  uploadBuild,
} from '@agentrt/client';
import type { Runtime } from '@agentrt/contracts';
import { scrapeMetrics, waitFor } from '@agentrt/testing';
import { ComposeStack } from './support/compose-stack';
import {
  containersLabelled,
  imagesMatching,
  inspect,
  networksLabelled,
  volumesLabelled,
} from './support/docker-objects';
import { COMPOSE_E2E } from './support/e2e-env';
import { expectGauge, expectObserved } from './support/series-expectations';
import { runToolOk } from './support/run-tool';
import { subscribeBashEvents } from './support/bash-events-socket';

const APPS = ['runtime-api', 'build-service', 'gateway'] as const;
const marker = () => Math.random().toString(16).slice(2, 10);

/**
 * The smoke test of docker-compose.yml: the images scripts/build-images made, brought up as a
 * user would (`.env`, `docker-compose up -d`), then used only through the gateway: a runtime
 * started and a command run in it, a small image built into the stack's registry, everything
 * stopped with nothing left over, and the /metrics series a dashboard reads.
 */
describe('docker-compose.yml: the platform from its images, through the gateway', () => {
  let stack: ComposeStack;
  let runtimes: RuntimeApiClient;
  const started: Runtime[] = [];

  beforeAll(async () => {
    stack = await ComposeStack.up();
    runtimes = new RuntimeApiClient({ baseUrl: stack.url('gateway'), apiKey: stack.apiKey });
  }, 300_000);
  afterAll(async () => stack?.down(), 180_000);

  const runtimeApiMetrics = () => scrapeMetrics(stack.url('runtimeApi'));
  const agentServer = (runtime: Runtime) =>
    new AgentServerClient({ baseUrl: runtime.url, sessionApiKey: runtime.session_api_key });

  it('runs the app images as uid 1000 with their health checks, and Redis with its append-only file', async () => {
    for (const app of APPS) {
      const id = await stack.container(app);
      expect(await inspect(id, '{{.Config.Image}} {{.Config.User}}')).toBe(
        `agentrt/${app}:${COMPOSE_E2E.appTag} 1000:1000`,
      );
      expect(await inspect(id, '{{.State.Health.Status}}')).toBe('healthy');
    }
    const redis = await stack.container('redis');
    const aof = await runToolOk('docker', [
      'exec',
      redis,
      'redis-cli',
      'config',
      'get',
      'appendonly',
    ]);
    expect(aof.split('\n')).toContain('yes');
    const health = await fetch(`${stack.url('gateway')}/health`);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      checks: { redis: { status: 'up' }, runtime_api: { status: 'up' } },
    });
  });

  it('starts a warm and a cold runtime through the gateway and runs commands in them', async () => {
    // The pool's runtime boots with the stack; claim it once it is ready.
    await waitFor(async () => (await runtimeApiMetrics()).sum('agentrt_warm_pool_size') === 1, {
      timeoutMs: 120_000,
      intervalMs: 1000,
      description: 'the warm pool holding its runtime',
    });
    const warm = await runtimes.start({ image: COMPOSE_E2E.runtimeImage });
    started.push(warm);
    expect(warm).toMatchObject({ status: 'running', pod_status: 'ready' });
    expect(warm.url).toBe(`${stack.url('gateway')}/${warm.runtime_id}`);
    const output = await agentServer(warm).executeBash('echo "hello $((6 * 7))" && id -u');
    expect(output).toMatchObject({ exit_code: 0, stdout: 'hello 42\n1000\n' });

    // A working directory takes a runtime no pool serves: a cold boot.
    const cold = await runtimes.waitUntilReady(
      await runtimes.start({ image: COMPOSE_E2E.runtimeImage, working_dir: '/workspace' }),
      { timeoutMs: 120_000 },
    );
    started.push(cold);
    expect((await agentServer(cold).executeBash('pwd')).stdout).toBe('/workspace\n');
    for (const runtime of started) {
      const labels = [
        `org.agentrt.owner=${stack.owner}`,
        `org.agentrt.runtime-id=${runtime.runtime_id}`,
      ];
      expect(await containersLabelled(...labels)).toHaveLength(1);
    }
  }, 300_000);

  it("counts a WebSocket subscriber on the runtime's agent server, through the gateway's proxy", async () => {
    const [runtime] = started;
    if (!runtime) throw new Error('no runtime from the previous test');
    const subscribers = async () =>
      (await scrapeMetrics(runtime.url, { 'X-Session-API-Key': runtime.session_api_key })).sum(
        'agentrt_websocket_subscribers',
        { socket: 'bash_events' },
      );
    expect(await subscribers()).toBe(0);
    const socket = await subscribeBashEvents(runtime);
    try {
      await waitFor(async () => (await subscribers()) === 1, {
        description: 'the bash-events subscriber counted',
      });
    } finally {
      socket.close();
    }
    await waitFor(async () => (await subscribers()) === 0, {
      description: 'the closed subscriber uncounted',
    });
  });

  it("builds a small image through the gateway into the stack's registry", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agentrt-compose-build-'));
    const tag = marker();
    try {
      await writeFile(join(dir, 'hello.txt'), `hello ${tag}\n`);
      await writeFile(
        join(dir, 'Dockerfile'),
        `FROM ${COMPOSE_E2E.baseImage}\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt\n`,
      );
      const context = await prepareBuildContext(dir);
      const builds = new BuildsClient({ baseUrl: stack.url('gateway'), apiKey: stack.apiKey });
      const lines: string[] = [];
      const buildId = await uploadBuild(builds, {
        archivePath: context.path,
        targetImage: 'smoke',
        tags: [tag],
      }).finally(() => context.remove());
      const final = await followBuild(
        builds,
        buildId,
        { onLogLine: (line) => lines.push(line) },
        { pollIntervalMs: 1000, timeoutMs: 240_000 },
      );
      expect(final).toMatchObject({
        status: 'SUCCESS',
        image: `${stack.registryPrefix}/smoke:${tag}`,
      });
      expect(lines.join('\n')).toContain(`hello ${tag}`);
      const tags = await fetch(`${stack.url('registry')}/v2/agentrt/smoke/tags/list`);
      expect(await tags.json()).toEqual({ name: 'agentrt/smoke', tags: [tag] });
      expect(await runtimes.imageExists(final.image ?? '')).toMatchObject({ exists: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('routes an /api request to the agent-runner', async () => {
    const response = await fetch(`${stack.url('gateway')}/api/runs`, {
      headers: { 'X-API-Key': stack.apiKey },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-routed-to')).toBe('agent-runner');
  });

  it('stops the runtimes: neither container nor workspace of theirs is left, only the pool', async () => {
    for (const runtime of started) await runtimes.stop(runtime.runtime_id);
    for (const runtime of started) {
      const labels = [
        `org.agentrt.owner=${stack.owner}`,
        `org.agentrt.runtime-id=${runtime.runtime_id}`,
      ];
      expect(await containersLabelled(...labels)).toEqual([]);
      expect(await volumesLabelled(...labels)).toEqual([]);
    }
    expect((await runtimes.list()).total).toBe(0);
  }, 120_000);

  it('exposes the named series on /metrics with sane values', async () => {
    const api = await runtimeApiMetrics();
    expectGauge(api, 'agentrt_runtimes', 'status', ['starting', 'running', 'paused'], 0);
    for (const warm of ['true', 'false']) {
      const labels = { backend: 'docker', warm };
      expectObserved(api, 'agentrt_runtime_start_seconds', labels, { maxMean: 120 });
    }
    expectGauge(api, 'agentrt_build_queue_depth', 'state', ['waiting', 'active', 'delayed'], 0);
    const starts = { app: 'runtime-api', method: 'POST', route: '/start', status: '200' };
    expectObserved(api, 'agentrt_http_request_duration_seconds', starts, {
      atLeast: 2,
      maxMean: 120,
    });
    // The pool refills after the claim.
    await waitFor(async () => (await runtimeApiMetrics()).sum('agentrt_warm_pool_size') === 1, {
      timeoutMs: 120_000,
      intervalMs: 1000,
      description: 'the warm pool refilled to its size',
    });

    const worker = await scrapeMetrics(stack.url('buildService'));
    expect(worker.sum('agentrt_builds_total', { status: 'SUCCESS' })).toBeGreaterThanOrEqual(1);
    expectObserved(
      worker,
      'agentrt_build_duration_seconds',
      { status: 'SUCCESS' },
      {
        maxMean: 240,
      },
    );
    expectGauge(worker, 'agentrt_build_queue_depth', 'state', ['waiting', 'active', 'delayed'], 0);

    const gateway = await scrapeMetrics(stack.url('admin'));
    const routed = { module: 'agent-runner', reason: 'default' };
    expect(gateway.sum('agentrt_routing_decisions_total', routed)).toBeGreaterThanOrEqual(1);
    const runsRoute = gateway
      .all('agentrt_http_request_duration_seconds_count', { app: 'gateway', method: 'GET' })
      .filter((sample) => sample.labels['route']?.endsWith('/api/runs'));
    expect(runsRoute.map((sample) => sample.value)).toEqual([1]);
  }, 180_000);

  it('comes down to nothing: `down -v` leaves only the pool runtime, which goes by its label', async () => {
    await stack.composeDown();
    const project = `com.docker.compose.project=${stack.project}`;
    expect(await containersLabelled(project)).toEqual([]);
    expect(await volumesLabelled(project)).toEqual([]);
    expect(await networksLabelled(project)).toEqual([]);
    // Runtimes are the engine's containers, not the project's: the unclaimed warm one remains.
    const owned = await containersLabelled(`org.agentrt.owner=${stack.owner}`);
    expect(owned).toHaveLength(1);
    expect(
      await inspect(owned[0] ?? '', '{{index .Config.Labels "org.agentrt.session-id"}}'),
    ).toMatch(/^pool-/);
    await stack.down();
    expect(await containersLabelled(`org.agentrt.owner=${stack.owner}`)).toEqual([]);
    expect(await volumesLabelled(`org.agentrt.owner=${stack.owner}`)).toEqual([]);
    expect(await imagesMatching(`${stack.registryPrefix}/*`)).toEqual([]);
  }, 180_000);
});
