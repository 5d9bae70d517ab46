import type { RuntimeRecord } from '@agentrt/runtime-state';
import { freePort, waitFor } from '@agentrt/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
// Plain ioredis: @agentrt/redis brings Nest decorators, which tsx (the bench runner) cannot compile.
import Redis from 'ioredis';

const AGENT_SERVER_PORT = 8000;

export interface BenchGatewayOptions {
  distDir: string;
  redisUrl: string;
  /** The agent server the runtime's record points at. */
  agentServerUrl: string;
  sessionKey: string;
  env?: Record<string, string>;
}

/**
 * A built gateway as a child process, in front of one running runtime whose record this writes
 * into Redis the way runtime-api stores it (own key prefix), so the proxy path is exercised
 * without runtime-api: no runtime is ever paused here. `stop` removes the process and the keys.
 */
export class BenchGateway {
  private constructor(
    /** The runtime's public URL at the gateway: `<gateway>/{runtime_id}`. */
    readonly runtimeUrl: string,
    private readonly child: ChildProcess,
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  static async start(options: BenchGatewayOptions): Promise<BenchGateway> {
    const prefix = `bench-gw-${randomUUID().slice(0, 8)}`;
    const redis = new Redis(options.redisUrl, { keyPrefix: `${prefix}:` });
    const runtimeId = randomBytes(10).toString('hex');
    // RuntimeStore's key layout (libs/runtime-state): its module cannot load under tsx (see above).
    await redis.set(`rt:rec:${runtimeId}`, JSON.stringify(runningRecord(runtimeId, options)));
    const port = await freePort();
    const child = spawn(process.execPath, [join(options.distDir, 'gateway/main.js')], {
      env: {
        PATH: '/usr/local/bin:/usr/bin:/bin',
        HOST: '127.0.0.1',
        PORT: String(port),
        ADMIN_PORT: String(await freePort()),
        LOG_LEVEL: 'info',
        REDIS_URL: options.redisUrl,
        REDIS_KEY_PREFIX: prefix,
        RUNTIME_STATE_KEY_PREFIX: prefix,
        // Never called: resumes only happen for paused runtimes.
        RUNTIME_API_URL: 'http://127.0.0.1:9',
        RUNTIME_API_KEY: 'unused-in-b4',
        ...options.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const gateway = new BenchGateway(`http://127.0.0.1:${port}/${runtimeId}`, child, redis, prefix);
    try {
      await waitFor(async () => (await fetch(`${gateway.runtimeUrl}/alive`)).ok, {
        timeoutMs: 20_000,
        description: 'the gateway to proxy /alive',
      });
    } catch (error) {
      await gateway.stop();
      throw error;
    }
    return gateway;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((done) => this.child.once('exit', done));
      this.child.kill('SIGTERM');
      await exited;
    }
    const keys = await this.redis.keys(`${this.prefix}:*`);
    const relative = keys.map((key) => key.slice(this.prefix.length + 1));
    if (relative.length > 0) await this.redis.del(...relative);
    await this.redis.quit();
  }
}

function runningRecord(runtimeId: string, options: BenchGatewayOptions): RuntimeRecord {
  const now = new Date().toISOString();
  return {
    version: 0,
    runtimeId,
    sessionId: `bench-${runtimeId}`,
    owner: '',
    image: 'bench',
    resourceFactor: 1,
    sessionApiKey: options.sessionKey,
    status: 'running',
    podStatus: 'ready',
    backend: 'local',
    handle: {
      backend: 'local',
      runtimeId,
      ref: 'bench',
      endpoints: { [AGENT_SERVER_PORT]: options.agentServerUrl },
    },
    workPorts: [],
    createdAt: now,
    updatedAt: now,
    activeSince: now,
    restartCount: 0,
    restartReasons: [],
  };
}
