import { freePort, waitFor } from '@agentrt/testing';
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface BuildServiceOptions {
  /** Where the built apps are (`<distDir>/build-service/main.js`). */
  distDir: string;
  /**
   * REDIS_URL, REDIS_KEY_PREFIX, QUEUE_PREFIX and BUILD_DATA_DIR (runtime-api's), WORKER_ID,
   * WORKER_CONCURRENCY; they win over the defaults below.
   */
  env: Record<string, string>;
}

/** Lines of output kept for error messages; bounded so a chatty worker cannot grow it. */
const TAIL_LINES = 40;

/** A built build-service worker as a child process, sharing a runtime-api's Redis and queues. */
export class BenchBuildService {
  private readonly tail: string[] = [];
  private exited = false;

  private constructor(
    readonly url: string,
    private readonly child: ChildProcessByStdio<null, Readable, Readable>,
  ) {
    child.once('exit', () => (this.exited = true));
    for (const stream of [child.stdout, child.stderr])
      createInterface({ input: stream }).on('line', (line) => this.keep(line));
  }

  static async start(options: BuildServiceOptions): Promise<BenchBuildService> {
    const port = await freePort();
    const child = spawn(process.execPath, [join(options.distDir, 'build-service/main.js')], {
      env: {
        PATH: '/usr/local/bin:/usr/bin:/bin',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new BenchBuildService(`http://127.0.0.1:${port}`, child);
    try {
      await worker.waitListening();
    } catch (error) {
      await worker.stop();
      throw error;
    }
    return worker;
  }

  /** SIGTERM (running builds finish first), SIGKILL after 30 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }

  private async waitListening(): Promise<void> {
    await waitFor(
      async () => {
        if (this.exited) throw new Error(`build-service exited:\n${this.tail.join('\n')}`);
        const response = await fetch(`${this.url}/health`);
        await response.body?.cancel();
        return true;
      },
      { timeoutMs: 20_000, description: 'build-service to answer /health' },
    );
  }

  private keep(line: string): void {
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
  }
}
