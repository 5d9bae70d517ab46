import { spawnSync } from 'node:child_process';
import type { Runtime } from '@agentrt/contracts';
import { RuntimeApiClient } from '../runtime-api';
import type { AgentRuntime, DebugLog } from './agent-runtime';

export interface RemoteRuntimeOptions {
  apiUrl: string;
  apiKey: string;
  image: string;
  resourceFactor: 1 | 2 | 4 | 8;
  workingDir?: string;
  /** Ties the runtime to a session: an existing live runtime of it is reused by the API. */
  sessionId?: string;
  environment?: Record<string, string>;
  startTimeoutMs: number;
  debug?: DebugLog;
}

/**
 * Stops a runtime from a child process, for the moment of process exit when only synchronous
 * code runs. The key travels in the child's environment, never on its command line.
 */
const STOP_SCRIPT = `
fetch(process.env.AGENTRT_STOP_URL + '/stop', {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-api-key': process.env.AGENTRT_STOP_KEY },
  body: JSON.stringify({ runtime_id: process.env.AGENTRT_STOP_RUNTIME }),
  signal: AbortSignal.timeout(8000),
}).then((r) => process.exit(r.ok || r.status === 404 ? 0 : 1), () => process.exit(1));
`;

/** What attaching to a runtime someone else started needs. */
export type AttachOptions = Pick<
  RemoteRuntimeOptions,
  'apiUrl' | 'apiKey' | 'startTimeoutMs' | 'workingDir' | 'debug'
>;

/**
 * A runtime of a Runtime API (ours or any OpenHands-compatible one). One it started is stopped
 * by `stop`; one it attached to (`attach`) is left running, since it is not its to stop.
 */
export class RemoteRuntime implements AgentRuntime {
  readonly type = 'remote';
  private stopped = false;

  private constructor(
    private readonly client: RuntimeApiClient,
    private runtime: Runtime,
    private readonly options: AttachOptions,
    private readonly owned: boolean,
  ) {}

  /** A runtime that is already there (resumed if paused, waited for); `stop` leaves it alone. */
  static async attach(options: AttachOptions, runtime: Runtime): Promise<RemoteRuntime> {
    const client = new RuntimeApiClient({ baseUrl: options.apiUrl, apiKey: options.apiKey });
    const current = runtime.status === 'paused' ? await client.resume(runtime.runtime_id) : runtime;
    const ready = await client.waitUntilReady(current, { timeoutMs: options.startTimeoutMs });
    return new RemoteRuntime(client, ready, options, false);
  }

  /** `/start`, then polls until `running` + `ready`; a runtime that never gets there is stopped. */
  static async start(options: RemoteRuntimeOptions): Promise<RemoteRuntime> {
    const client = new RuntimeApiClient({ baseUrl: options.apiUrl, apiKey: options.apiKey });
    const started = await client.start({
      image: options.image,
      resource_factor: options.resourceFactor,
      ...(options.workingDir === undefined ? {} : { working_dir: options.workingDir }),
      ...(options.sessionId === undefined ? {} : { session_id: options.sessionId }),
      ...(options.environment === undefined ? {} : { environment: options.environment }),
    });
    options.debug?.(
      `remote runtime ${started.runtime_id}: ${started.status}/${started.pod_status}`,
    );
    const runtime = new RemoteRuntime(client, started, options, true);
    try {
      runtime.runtime = await client.waitUntilReady(started, { timeoutMs: options.startTimeoutMs });
    } catch (error) {
      await runtime.stop().catch(() => undefined);
      throw error;
    }
    return runtime;
  }

  get id(): string {
    return this.runtime.runtime_id;
  }

  get url(): string {
    return this.runtime.url;
  }

  get sessionApiKey(): string {
    return this.runtime.session_api_key;
  }

  get workingDir(): string | undefined {
    return this.options.workingDir;
  }

  async pause(): Promise<void> {
    await this.client.pause(this.id);
  }

  async resume(): Promise<void> {
    const resumed = await this.client.resume(this.id);
    this.runtime = await this.client.waitUntilReady(resumed, {
      timeoutMs: this.options.startTimeoutMs,
    });
  }

  async stop(): Promise<void> {
    if (this.stopped || !this.owned) return;
    this.stopped = true;
    await this.client.stop(this.id);
    this.options.debug?.(`remote runtime ${this.id}: stopped`);
  }

  stopSync(): void {
    if (this.stopped || !this.owned) return;
    this.stopped = true;
    spawnSync(process.execPath, ['-e', STOP_SCRIPT], {
      stdio: 'ignore',
      timeout: 10_000,
      env: {
        AGENTRT_STOP_URL: this.options.apiUrl,
        AGENTRT_STOP_KEY: this.options.apiKey,
        AGENTRT_STOP_RUNTIME: this.id,
      },
    });
  }
}
