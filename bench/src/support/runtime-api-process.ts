import { freePort, waitFor } from '@agentrt/testing';
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { RuntimeApiClient } from './runtime-api-client';
import { removeLeftovers } from './runtime-leftovers';

export interface RuntimeApiOptions {
  /** Where the built apps are (`<distDir>/runtime-api/main.js`). */
  distDir: string;
  redisUrl: string;
  backend: 'local' | 'docker';
  /** Extra variables, e.g. WARM_POOLS; they win over the defaults below. */
  env?: Record<string, string>;
}

/** What runtime-api logged when a boot finished (`runtime ready`, JSON on stdout). */
export interface ReadyLine {
  runtimeId: string;
  bootMs: number;
  /** Pool key for a warm-pool boot; undefined for a runtime started by `/start`. */
  pool?: string;
}

/** Lines of other output kept for error messages; bounded so a chatty server cannot grow it. */
const TAIL_LINES = 40;

/**
 * A built runtime-api as a child process with its own Redis prefix, owner label and local root,
 * so a bench run never touches another deployment's runtimes and its leftovers are findable.
 */
export class BenchRuntimeApi {
  readonly ready: ReadyLine[] = [];
  private readonly tail: string[] = [];
  private exited = false;

  private constructor(
    readonly client: RuntimeApiClient,
    /** Owner label value, also the Redis and queue key prefix. */
    readonly owner: string,
    readonly root: string,
    private readonly redisUrl: string,
    private readonly child: ChildProcessByStdio<null, Readable, Readable>,
  ) {
    child.once('exit', () => (this.exited = true));
    createInterface({ input: child.stdout }).on('line', (line) => this.collect(line));
    createInterface({ input: child.stderr }).on('line', (line) => this.keep(line));
  }

  static async start(options: RuntimeApiOptions): Promise<BenchRuntimeApi> {
    const id = randomUUID().slice(0, 8);
    const apiKey = `bench-key-${id}`;
    const owner = `bench-${id}`;
    const root = mkdtempSync(join(tmpdir(), `agentrt-bench-rtapi-${id}-`));
    const port = await freePort();
    const child = spawn(process.execPath, [join(options.distDir, 'runtime-api/main.js')], {
      env: {
        PATH: '/usr/local/bin:/usr/bin:/bin',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'info', // `runtime ready` (with boot_ms) is an info line
        REDIS_URL: options.redisUrl,
        REDIS_KEY_PREFIX: owner,
        QUEUE_PREFIX: owner,
        RUNTIME_API_KEY_HASHES: createHash('sha256').update(apiKey).digest('hex'),
        RUNTIME_OWNER: owner,
        RUNTIME_BACKEND: options.backend,
        LOCAL_RUNTIME_ROOT: root,
        AGENT_SERVER_COMMAND: `${process.execPath},${join(options.distDir, 'agent-server/main.js')}`,
        // A benchmark measures the service, not its abuse limits.
        START_RATE_PER_MINUTE: '0',
        MAX_RUNTIMES_PER_KEY: '0',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const client = new RuntimeApiClient(`http://127.0.0.1:${port}`, apiKey);
    const api = new BenchRuntimeApi(client, owner, root, options.redisUrl, child);
    try {
      await api.waitListening();
    } catch (error) {
      await api.close();
      throw error;
    }
    return api;
  }

  /** `runtime ready` lines of warm-pool boots so far. */
  poolBoots(): ReadyLine[] {
    return this.ready.filter((line) => line.pool !== undefined);
  }

  /** Stops the server (SIGKILL after 15 s), then removes whatever its runtimes left behind. */
  async close(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise((done) => this.child.once('exit', done));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await removeLeftovers({ owner: this.owner, root: this.root, redisUrl: this.redisUrl });
  }

  private async waitListening(): Promise<void> {
    await waitFor(
      async () => {
        if (this.exited) throw new Error(`runtime-api exited:\n${this.tail.join('\n')}`);
        const response = await fetch(`${this.client.baseUrl}/health`);
        return response.ok;
      },
      { timeoutMs: 20_000, description: 'runtime-api to answer /health' },
    );
  }

  private collect(line: string): void {
    if (!line.includes('"runtime ready"')) return this.keep(line);
    try {
      const parsed = JSON.parse(line) as { runtime_id: string; boot_ms: number; pool?: string };
      this.ready.push({ runtimeId: parsed.runtime_id, bootMs: parsed.boot_ms, pool: parsed.pool });
    } catch {
      this.keep(line); // not one of its JSON log lines after all
    }
  }

  private keep(line: string): void {
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
  }
}
