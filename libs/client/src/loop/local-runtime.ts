import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, openSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentRuntime, DebugLog } from './agent-runtime';

export interface LocalRuntimeOptions {
  /** argv that starts an agent server, e.g. `['node', 'dist/apps/agent-server/main.js']`. */
  command: string[];
  /** The workspace; a fresh temporary directory (removed at stop) when absent. */
  workingDir?: string;
  startTimeoutMs: number;
  /** The agent server's environment (PATH, HOME, ...; see ClientConfig.localEnvironment). */
  environment: Record<string, string>;
  debug?: DebugLog;
}

const STOP_GRACE_MS = 5_000;
const LOG_TAIL_LINES = 30;

/** An agent server as a process group on this machine, on a free loopback port. */
export class LocalRuntime implements AgentRuntime {
  readonly type = 'local';
  private stopped = false;

  private constructor(
    readonly id: string,
    private readonly child: ChildProcess,
    readonly url: string,
    readonly sessionApiKey: string,
    readonly workingDir: string,
    private readonly scratch: string,
    private readonly exited: Promise<void>,
  ) {}

  static async start(options: LocalRuntimeOptions): Promise<LocalRuntime> {
    if (options.command.length === 0 || !options.command[0]) {
      throw new Error('no agent-server command: set AGENTRT_AGENT_SERVER_COMMAND');
    }
    const id = `local-${randomUUID().slice(0, 8)}`;
    const scratch = await mkdtemp(join(tmpdir(), `agentrt-${id}-`));
    const workingDir = options.workingDir ?? join(scratch, 'workspace');
    await mkdir(workingDir, { recursive: true });
    const port = await freeLoopbackPort();
    const sessionApiKey = randomBytes(24).toString('base64url');
    const logFile = join(scratch, 'agent-server.log');
    const child = spawnAgentServer(options, { id, port, sessionApiKey, workingDir, logFile });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const runtime = new LocalRuntime(
      id,
      child,
      `http://127.0.0.1:${port}`,
      sessionApiKey,
      workingDir,
      scratch,
      exited,
    );
    options.debug?.(`local runtime ${id}: pid ${child.pid}, port ${port}, log ${logFile}`);
    try {
      await runtime.waitReady(options.startTimeoutMs, logFile);
    } catch (error) {
      await runtime.stop();
      throw error;
    }
    return runtime;
  }

  /** SIGSTOP keeps the whole process group in memory, as a paused container does. */
  pause(): Promise<void> {
    this.signal('SIGSTOP');
    return Promise.resolve();
  }

  async resume(): Promise<void> {
    this.signal('SIGCONT');
    await this.waitReady(10_000);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // Unref'd so a program may end while it runs; while stopping, the program must wait for it.
    this.child.ref();
    this.signal('SIGCONT'); // a stopped process cannot act on SIGTERM
    this.signal('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)));
    if ((await Promise.race([this.exited.then(() => 'exited'), grace])) !== 'exited') {
      this.signal('SIGKILL');
      await this.exited;
    }
    clearTimeout(timer);
    this.killTmux();
    // The scratch directory holds the log, and the workspace unless the caller gave one.
    await rm(this.scratch, { recursive: true, force: true });
  }

  stopSync(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.signal('SIGKILL');
    this.killTmux();
    rmSync(this.scratch, { recursive: true, force: true });
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined || this.child.exitCode !== null) return;
    try {
      process.kill(-this.child.pid, signal); // the group: the server and every command it ran
    } catch {
      // already gone
    }
  }

  /** The agent server's terminal lives in its own tmux server, which outlives the process. */
  private killTmux(): void {
    spawnSync('tmux', ['-L', tmuxSocketOf(this.id), 'kill-server'], { stdio: 'ignore' });
  }

  private async waitReady(timeoutMs: number, logFile?: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // Bounded by the deadline; each probe has its own one-second limit.
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(
          `the agent server exited (${this.child.exitCode ?? this.child.signalCode}) before it was ready${await tailOf(logFile)}`,
        );
      }
      if (await answers(`${this.url}/ready`)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(
      `the agent server was not ready within ${timeoutMs} ms${await tailOf(logFile)}`,
    );
  }
}

interface SpawnSpec {
  id: string;
  port: number;
  sessionApiKey: string;
  workingDir: string;
  logFile: string;
}

function spawnAgentServer(options: LocalRuntimeOptions, spec: SpawnSpec): ChildProcess {
  const [file, ...args] = options.command as [string, ...string[]];
  // A file, not pipes: open pipes would keep the SDK's process alive as long as the server.
  const log = openSync(spec.logFile, 'a');
  const child = spawn(file, args, {
    cwd: spec.workingDir,
    // Its own process group, so stop reaches every command the agent started.
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...options.environment,
      PORT: String(spec.port),
      HOST: '127.0.0.1',
      SESSION_API_KEY: spec.sessionApiKey,
      WORKSPACE_DIR: spec.workingDir,
      TMUX_SOCKET: tmuxSocketOf(spec.id),
    },
  });
  closeSync(log);
  child.once('error', () => undefined); // reported by waitReady: the process never answers
  // The SDK's process must be able to end while the agent server runs; cleanup stops it.
  child.unref();
  return child;
}

function tmuxSocketOf(id: string): string {
  return `agentrt-sdk-${id}`;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

async function tailOf(logFile: string | undefined): Promise<string> {
  if (!logFile) return '';
  const text = await readFile(logFile, 'utf8').catch(() => '');
  const tail = text.trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n');
  return tail ? `; its log ends with:\n${tail}` : '';
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
