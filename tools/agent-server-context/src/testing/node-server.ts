import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '@agentrt/testing';
import { alive } from './docker-cli';

/** An agent server started from a built file (the bundle or main.js) as a plain node process. */
export class NodeServer {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
  }

  /** Starts `node <script>` in `cwd` with only `env` (and the port) and waits for /alive. */
  static async start(
    script: string,
    cwd: string,
    env: Record<string, string>,
  ): Promise<NodeServer> {
    const port = await freePort();
    const child = spawn(process.execPath, [script], {
      cwd,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new NodeServer(child, `http://127.0.0.1:${port}`);
    try {
      await alive(server.url);
    } catch (error) {
      await server.stop();
      throw new Error(`${script} did not come up: ${server.output.slice(-2000)}`, { cause: error });
    }
    return server;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
