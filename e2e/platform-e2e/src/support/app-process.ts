import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { E2E } from './e2e-env';
import { freePort, waitFor } from '@agentrt/testing';

export type AppName = 'runtime-api' | 'build-service' | 'agent-server' | 'gateway';
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const running = new Set<ChildProcess>();
// A crashed test run must not leave servers behind.
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** One built app (`dist/apps/<name>/main.js`) running as its own process. */
export class AppProcess {
  readonly output: string[] = [];
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;

  private constructor(
    readonly name: AppName,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    running.add(child);
    const collect = (chunk: Buffer) =>
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        running.delete(child);
        this.exit = { code, signal };
        resolve(this.exit);
      }),
    );
  }

  /**
   * Starts the app with exactly `env` (plus PATH, HOST and PORT), on `port` when given (a
   * restarted app keeping its address), else on a free port.
   */
  static async start(
    name: AppName,
    env: Record<string, string>,
    port?: number,
  ): Promise<AppProcess> {
    port ??= await freePort();
    const child = spawn(process.execPath, [join(E2E.distDir, name, 'main.js')], {
      cwd: E2E.workspaceRoot,
      env: { PATH: E2E.path, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new AppProcess(name, `http://127.0.0.1:${port}`, child);
  }

  /** Resolves once the app answers HTTP; rejects with its output if it exits first. */
  async listening(timeoutMs = 20_000): Promise<this> {
    await waitFor(
      async () => {
        if (this.exit)
          throw new Error(
            `${this.name} exited (${JSON.stringify(this.exit)}):\n${this.output.join('\n')}`,
          );
        const response = await fetch(`${this.url}/health`);
        await response.body?.cancel();
        return true;
      },
      { timeoutMs, description: `${this.name} to listen at ${this.url}` },
    ).catch((error: unknown) => {
      throw error instanceof Error && this.exit
        ? new Error(`${this.name} exited:\n${this.output.join('\n')}`)
        : error;
    });
    return this;
  }

  /** Structured log lines the app wrote (JSON on stdout/stderr). */
  logs(): Record<string, unknown>[] {
    return this.output.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  /** Sends `signal` as is (e.g. SIGKILL for a crash); await `exited` for the exit. */
  kill(signal: NodeJS.Signals): void {
    if (!this.exit) this.child.kill(signal);
  }

  /** SIGTERM, then wait for the exit; SIGKILL if it hangs past `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<Exit> {
    if (this.exit) return this.exit;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }
}
