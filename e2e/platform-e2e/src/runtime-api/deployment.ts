import { createHash, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Runtime } from '@agentrt/contracts';
import { AppProcess } from '../support/app-process';
import { E2E } from '../support/e2e-env';
import { removeLabelled } from './docker-support';
import { redisCli, RuntimeApiClient } from './runtime-api.harness';

/**
 * One runtime-api deployment owned by one spec: its own Redis prefix, owner label, API key and
 * local root, and the replicas started for it. tearDown removes everything it created.
 */
export class Deployment {
  /** Every replica started, the killed ones too; the first is `api`. */
  readonly replicas: AppProcess[] = [];

  private constructor(
    readonly apiKey: string,
    /** Variables shared by every replica (same Redis prefix, owner, root). */
    readonly env: Record<string, string>,
    readonly root: string,
  ) {}

  /** A deployment with no replica yet (specs that start, kill and restart replicas). */
  static async create(extra: Record<string, string> = {}): Promise<Deployment> {
    const id = randomUUID().slice(0, 8);
    const apiKey = `rt-e2e-key-${id}`;
    const root = await mkdtemp(join(tmpdir(), `agentrt-rtapi-${id}-`));
    const env = {
      REDIS_URL: E2E.redisUrl,
      REDIS_KEY_PREFIX: `rtapi-e2e-${id}`,
      QUEUE_PREFIX: `rtapi-e2e-${id}`,
      RUNTIME_API_KEY_HASHES: createHash('sha256').update(apiKey).digest('hex'),
      RUNTIME_OWNER: `e2e-${id}`,
      RUNTIME_BACKEND: 'local',
      LOCAL_RUNTIME_ROOT: root,
      AGENT_SERVER_COMMAND: `${process.execPath},${join(E2E.distDir, 'agent-server', 'main.js')}`,
      RUNTIME_READY_TIMEOUT_SECONDS: '30',
      ...extra,
    };
    return new Deployment(apiKey, env, root);
  }

  /** A deployment with one replica listening; cleans up after itself if that fails. */
  static async start(extra: Record<string, string> = {}): Promise<Deployment> {
    const deployment = await Deployment.create(extra);
    try {
      await deployment.replica();
    } catch (error) {
      await deployment.tearDown();
      throw error;
    }
    return deployment;
  }

  get prefix(): string {
    return this.env['REDIS_KEY_PREFIX'] ?? '';
  }

  get owner(): string {
    return this.env['RUNTIME_OWNER'] ?? '';
  }

  /** The first replica. */
  get api(): AppProcess {
    const [first] = this.replicas;
    if (!first) throw new Error('no replica was started');
    return first;
  }

  /** A client of the first replica with the deployment's key. */
  get client(): RuntimeApiClient {
    return this.clientOf(this.api);
  }

  /** What an OpenHands client is configured with: the first replica's url and the API key. */
  get clientConfig(): { apiUrl: string; apiKey: string } {
    return { apiUrl: this.api.url, apiKey: this.apiKey };
  }

  clientOf(replica: AppProcess, apiKey: string = this.apiKey): RuntimeApiClient {
    return new RuntimeApiClient(replica.url, apiKey);
  }

  /**
   * Starts another replica (`overrides` on top of the shared env); RUNTIME_PUBLIC_URL follows
   * its own port unless set. Kept for tearDown before it listens, so a failed boot is stopped.
   */
  async replica(overrides: Record<string, string> = {}): Promise<AppProcess> {
    return await this.boot(AppProcess.start('runtime-api', { ...this.env, ...overrides }));
  }

  /** Starts the deployment again at the address `previous` had, so runtime urls stay valid. */
  async restart(previous: AppProcess): Promise<AppProcess> {
    const port = Number(new URL(previous.url).port);
    return await this.boot(AppProcess.start('runtime-api', this.env, port));
  }

  private async boot(starting: Promise<AppProcess>): Promise<AppProcess> {
    const replica = await starting;
    this.replicas.push(replica);
    return await replica.listening();
  }

  /**
   * Stops every runtime still listed, the replicas, leftover local runtimes, then removes the
   * root, the Redis keys (stopped records are kept for RUNTIME_RETENTION_SECONDS) and, on the
   * docker backend, whatever containers and volumes carry the owner label.
   */
  async tearDown(): Promise<void> {
    try {
      await this.stopListedRuntimes();
      await Promise.all(this.replicas.map((replica) => replica.stop()));
      await killLeftovers(this.root);
      await rm(this.root, { recursive: true, force: true });
    } finally {
      removeRedisKeys(this.prefix);
      if (this.env['RUNTIME_BACKEND'] === 'docker') removeLabelled(this.owner);
    }
  }

  /** Through the newest replica that still answers (older ones may have been killed). */
  private async stopListedRuntimes(): Promise<void> {
    for (const replica of [...this.replicas].reverse()) {
      const client = this.clientOf(replica);
      const response = await client.call('GET', '/list').catch(() => undefined);
      if (!response?.ok) continue;
      const { runtimes } = (await response.json()) as { runtimes: Runtime[] };
      await Promise.all(
        runtimes.map((r) => client.call('POST', '/stop', { runtime_id: r.runtime_id })),
      );
      return;
    }
  }

  /** mkdtemp makes the root 0700; runtimes running as another user must reach their workspace. */
  async openRoot(): Promise<void> {
    await chmod(this.root, 0o755);
  }
}

/**
 * A failed test may leave local runtimes (process groups, tmux servers) behind; their ownership
 * records under `<root>/.owned/` say where they are.
 */
async function killLeftovers(root: string): Promise<void> {
  const dir = join(root, '.owned');
  const names = await readdir(dir).catch(() => [] as string[]);
  // `<id>.json` ownership records only; `<id>.events.jsonl` beside them holds JSON lines.
  for (const name of names.filter((file) => file.endsWith('.json'))) {
    const record = JSON.parse(await readFile(join(dir, name), 'utf8')) as {
      pid: number;
      runtimeId: string;
    };
    try {
      process.kill(-record.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    spawnSync('tmux', ['-L', `agentrt-${record.runtimeId}`, 'kill-server'], { stdio: 'ignore' });
  }
}

/** Removes every Redis key under the deployment's REDIS_KEY_PREFIX, in bounded batches. */
function removeRedisKeys(prefix: string): void {
  if (!prefix) return;
  const keys = redisCli('--scan', '--pattern', `${prefix}:*`).split('\n').filter(Boolean);
  for (let i = 0; i < keys.length; i += 100) redisCli('DEL', ...keys.slice(i, i + 100));
}
