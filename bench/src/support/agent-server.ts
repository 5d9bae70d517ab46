import { freePort } from '@agentrt/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
// eslint-disable-next-line no-restricted-properties -- the same switch the build uses
const DIST_DIR = process.env['AGENTRT_DIST_DIR'] ?? join(ROOT, 'dist/apps');

/** A freshly started agent-server (built in dist/) on loopback, in its own temp workspace. */
export class BenchAgentServer {
  private constructor(
    readonly url: string,
    readonly sessionKey: string,
    private readonly child: ChildProcess,
    private readonly workspace: string,
  ) {}

  static async start(distDir = DIST_DIR): Promise<BenchAgentServer> {
    const port = await freePort();
    const workspace = mkdtempSync(join(tmpdir(), 'agentrt-bench-'));
    const sessionKey = `bench-${process.pid}`;
    const child = spawn(process.execPath, [join(distDir, 'agent-server/main.js')], {
      env: {
        PATH: '/usr/local/bin:/usr/bin:/bin',
        HOME: workspace,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        WORKSPACE_DIR: workspace,
        SESSION_API_KEY: sessionKey,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const server = new BenchAgentServer(`http://127.0.0.1:${port}`, sessionKey, child, workspace);
    await server.waitReady();
    return server;
  }

  get headers(): Record<string, string> {
    return { 'content-type': 'application/json', 'x-session-api-key': this.sessionKey };
  }

  /** Resident set size of the server process, from /proc (Linux). */
  rssMb(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return kb / 1024;
  }

  async stop(): Promise<void> {
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    await exited;
    rmSync(this.workspace, { recursive: true, force: true });
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const ok = await fetch(`${this.url}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error('agent-server did not become ready within 20 s');
  }
}
