import { type ChildProcess, spawn } from 'node:child_process';
import { E2E } from './e2e-env';
import { waitFor } from '@agentrt/testing';

export interface RedisServerOptions {
  /**
   * Keeps the data across stop and start in this folder (append-only file, fsync on every
   * write), as deployments run Redis; without it a restarted server starts empty.
   */
  dataDir?: string;
}

/** A private, throwaway redis-server on loopback, for tests that stop and restart Redis. */
export class RedisServer {
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly options: RedisServerOptions = {},
  ) {}

  /** True from start until stop (or a crash). */
  get running(): boolean {
    const child = this.child;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const { dataDir } = this.options;
    const persistence = dataDir
      ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dataDir]
      : ['--appendonly', 'no'];
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', ...persistence];
    const child = spawn('redis-server', args, { env: { PATH: E2E.path }, stdio: 'ignore' });
    this.child = child;
    await waitFor(() => this.ping(), { description: `redis-server on port ${this.port}` });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  private async ping(): Promise<boolean> {
    const { Socket } = await import('node:net');
    return new Promise((resolve) => {
      const socket = new Socket();
      socket.once('error', () => resolve(false));
      socket.connect(this.port, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
  }
}
