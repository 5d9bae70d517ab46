import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayStack } from '../../gateway/gateway-stack';
import { ownedRuntimes, processAlive, RUNTIME_IMAGE } from '../../runtime-api/runtime-api.harness';
import { AppProcess } from '../../support/app-process';
import type { KnownValues } from './fuzz-request';
import { platformSnapshot } from './snapshot';
import { answersHealth, readFileSyncOrEmpty, tail, type Watch, watchApp } from './watch';

/** One API under fuzz: where it answers, with which credentials, which process serves it. */
export interface FuzzTarget {
  api: string;
  url: string;
  credentials: Record<string, string>;
  /** Values that exist (an agent id), so requests reach validation past the lookups. */
  known: KnownValues;
  /** The serving process is still running and answers /health. */
  alive: () => Promise<boolean>;
  /** The serving process's last log lines (why it died, when it did). */
  logTail: () => string;
}

/**
 * The whole platform once for every API: runtime-api (local backend) with a build-service
 * worker on its prefix, a gateway (rate limits off, so every request reaches validation) with
 * one agent, and one runtime whose agent server is fuzzed directly on its own port.
 */
export class FuzzStack {
  private constructor(
    readonly gateway: GatewayStack,
    readonly worker: AppProcess,
    private readonly buildDir: string,
    readonly targets: FuzzTarget[],
  ) {}

  static async start(): Promise<FuzzStack> {
    const buildDir = await mkdtemp(join(tmpdir(), 'agentrt-fuzz-builds-'));
    let gateway: GatewayStack | undefined;
    let worker: AppProcess | undefined;
    try {
      gateway = await GatewayStack.start({
        gatewayEnv: { RATE_LIMIT_PER_KEY_PER_MINUTE: '0', RATE_LIMIT_PER_IP_PER_MINUTE: '0' },
        runtimeApiEnv: {
          BUILD_DATA_DIR: buildDir,
          REGISTRY_PREFIX: `127.0.0.1:5000/agentrt-fuzz-${randomUUID().slice(0, 8)}`,
        },
      });
      const api = gateway.runtimeApi;
      worker = await AppProcess.start('build-service', {
        REDIS_URL: api.env['REDIS_URL'] ?? '',
        REDIS_KEY_PREFIX: api.prefix,
        QUEUE_PREFIX: api.env['QUEUE_PREFIX'] ?? '',
        BUILD_DATA_DIR: buildDir,
      });
      await worker.listening();
      const stack = new FuzzStack(gateway, worker, buildDir, []);
      stack.targets.push(...(await stack.describeTargets()));
      return stack;
    } catch (error) {
      await worker?.stop();
      await gateway?.tearDown();
      await rm(buildDir, { recursive: true, force: true });
      throw error;
    }
  }

  private async describeTargets(): Promise<FuzzTarget[]> {
    const { gateway } = this;
    const api = gateway.runtimeApi;
    const agent = await gateway.createAgent();
    const runtime = await api.client.start({
      image: RUNTIME_IMAGE,
      session_id: `fuzz-${randomUUID()}`,
    });
    const owned = (await ownedRuntimes(api.root)).find((r) => r.runtimeId === runtime.runtime_id);
    if (!owned) throw new Error(`no local record of runtime ${runtime.runtime_id}`);
    const agentIds = { 'X-AGENT-ID': agent.id, agentId: agent.id };
    const target = (
      api: string,
      url: string,
      credentials: Record<string, string>,
      watch: Watch,
    ) => ({
      api,
      url,
      credentials,
      known: api.startsWith('gateway') ? agentIds : {},
      alive: async () => (await watch.running()) && (await answersHealth(url, credentials)),
      logTail: watch.logTail,
    });
    const runtimeLog = join(api.root, runtime.runtime_id, '.agentrt-runtime.log');
    const agentServer: Watch = {
      running: () => processAlive(owned.pid),
      logTail: () => tail(readFileSyncOrEmpty(runtimeLog).split('\n')),
    };
    return [
      target('runtime-api', api.api.url, { 'x-api-key': api.apiKey }, watchApp(api.api)),
      target(
        'agent-server',
        `http://127.0.0.1:${owned.port}`,
        { 'x-session-api-key': runtime.session_api_key },
        agentServer,
      ),
      target('build-service', this.worker.url, {}, watchApp(this.worker)),
      target(
        'gateway',
        gateway.gateway.url,
        { 'x-api-key': gateway.keys.debug },
        watchApp(gateway.gateway.process),
      ),
      target(
        'gateway (admin port)',
        gateway.gateway.adminUrl,
        { 'x-api-key': gateway.keys.admin },
        watchApp(gateway.gateway.process),
      ),
    ];
  }

  /** Everything the platform holds, to compare before and after a run. */
  snapshot(): Promise<string[]> {
    const agentServer = this.targets.find((t) => t.api === 'agent-server');
    return platformSnapshot({
      runtimeApi: this.gateway.runtimeApi,
      gateway: this.gateway,
      buildDir: this.buildDir,
      agentServer: agentServer && { url: agentServer.url, credentials: agentServer.credentials },
    });
  }

  async tearDown(): Promise<void> {
    try {
      await this.worker.stop();
      await this.gateway.tearDown();
    } finally {
      await rm(this.buildDir, { recursive: true, force: true });
    }
  }
}
