import { waitFor } from '@agentrt/testing';
import { ReplayHttp } from './replay-http';

export type SandboxStatus = 'STARTING' | 'RUNNING' | 'PAUSED' | 'ERROR' | 'MISSING';
export interface ExposedUrl {
  name: string;
  url: string;
  port: number;
}
export interface SandboxInfo {
  id: string;
  status: SandboxStatus;
  sessionApiKey: string | null;
  exposedUrls: ExposedUrl[] | null;
}
export type RuntimeData = Record<string, unknown>;

const STATUS_MAPPING: Record<string, SandboxStatus> = {
  running: 'RUNNING',
  paused: 'PAUSED',
  stopped: 'MISSING',
  starting: 'STARTING',
  error: 'ERROR',
};

/**
 * The OpenHands V1 app server's `RemoteSandboxService`, replayed call by call from
 * openhands/app_server/sandbox/remote_sandbox_service.py, with `wait_for_sandbox_running` from
 * sandbox_service.py (OpenHands/OpenHands). Every Runtime API call carries X-API-Key.
 */
export class RemoteSandboxServiceReplay {
  readonly http = new ReplayHttp();
  /** The app server's own table of the sandboxes it started (`StoredRemoteSandbox`). */
  readonly stored = new Set<string>();

  constructor(private readonly config: { apiUrl: string; apiKey: string }) {}

  private send(method: string, path: string, json?: unknown, params?: [string, string][]) {
    const headers = { 'X-API-Key': this.config.apiKey };
    return this.http.send(method, `${this.config.apiUrl}${path}`, { headers, json, params });
  }

  private async runtimeOf(sandboxId: string): Promise<RuntimeData> {
    return await this.http.json<RuntimeData>(await this.send('GET', `/sessions/${sandboxId}`));
  }

  /** `_to_sandbox_info`: indexes `session_api_key`; path mode when url's path is /{runtime_id}. */
  toSandboxInfo(id: string, runtime: RuntimeData | undefined): SandboxInfo {
    const status = STATUS_MAPPING[String(runtime?.['status']).toLowerCase()] ?? 'MISSING';
    if (!runtime) return { id, status, sessionApiKey: null, exposedUrls: null };
    const key = String(runtime['session_api_key']);
    const url = String(runtime['url']);
    const service = (name: string) => {
      const parsed = new URL(url);
      return parsed.pathname.startsWith(`/${String(runtime['runtime_id'])}`)
        ? `${parsed.origin}/${String(runtime['runtime_id'])}/${name}`
        : `${parsed.protocol}//${name}-${parsed.host}${parsed.pathname}`;
    };
    const exposedUrls =
      status === 'RUNNING'
        ? [
            { name: 'AGENT_SERVER', url, port: 60000 },
            { name: 'VSCODE', url: `${service('vscode')}?tkn=${key}`, port: 60001 },
            { name: 'WORKER_1', url: service('work-1'), port: 12000 },
            { name: 'WORKER_2', url: service('work-2'), port: 12001 },
          ]
        : null;
    return { id, status, sessionApiKey: key, exposedUrls };
  }

  /**
   * `start_sandbox`: `pause_old_sandboxes` first reads the running session ids from GET /list
   * (the replay keeps under max_num_sandboxes, so it pauses nothing), then POST /start.
   */
  async startSandbox(sandboxId: string, body: RuntimeData): Promise<SandboxInfo> {
    const list = await this.http.json<{ runtimes: RuntimeData[] }>(await this.send('GET', '/list'));
    if (list.runtimes.some((runtime) => typeof runtime['session_id'] !== 'string')) {
      throw new Error(`a runtime in GET /list has no session_id: ${JSON.stringify(list)}`);
    }
    this.stored.add(sandboxId);
    const runtime = await this.http.json<RuntimeData>(await this.send('POST', '/start', body));
    return this.toSandboxInfo(sandboxId, runtime);
  }

  /** `get_sandbox`: any error looking the runtime up reads as no runtime (MISSING). */
  async getSandbox(sandboxId: string): Promise<SandboxInfo | undefined> {
    if (!this.stored.has(sandboxId)) return undefined;
    const runtime = await this.runtimeOf(sandboxId).catch(() => undefined);
    return this.toSandboxInfo(sandboxId, runtime);
  }

  /** `wait_for_sandbox_running`: RUNNING, then the agent server's /alive (no key). */
  async waitForSandboxRunning(sandboxId: string): Promise<SandboxInfo> {
    return await waitFor(
      async () => {
        const sandbox = await this.getSandbox(sandboxId);
        if (!sandbox || sandbox.status === 'ERROR') throw new Error(`sandbox ${sandboxId} failed`);
        if (sandbox.status !== 'RUNNING') return undefined;
        const agent = sandbox.exposedUrls?.find((url) => url.name === 'AGENT_SERVER');
        const alive = await this.http.send('GET', `${agent?.url}/alive`);
        return alive.ok && sandbox;
      },
      { timeoutMs: 30_000, intervalMs: 100, description: `sandbox ${sandboxId} running` },
    );
  }

  /** `pause_sandbox` and `resume_sandbox`: look the runtime up, then POST; 404 means false. */
  async lifecycle(action: 'pause' | 'resume', sandboxId: string): Promise<RuntimeData | false> {
    const runtime = await this.runtimeOf(sandboxId);
    const response = await this.send('POST', `/${action}`, { runtime_id: runtime['runtime_id'] });
    if (response.status === 404) return false;
    return await this.http.json<RuntimeData>(response);
  }

  /** `delete_sandbox`: forget it, look the runtime up, POST /stop; an HTTP error reads false. */
  async deleteSandbox(sandboxId: string): Promise<boolean> {
    this.stored.delete(sandboxId);
    try {
      const runtime = await this.runtimeOf(sandboxId);
      const response = await this.send('POST', '/stop', { runtime_id: runtime['runtime_id'] });
      if (response.status !== 404) await this.http.json(response);
      return true;
    } catch {
      return false;
    }
  }

  /** `batch_get_sandboxes` via `_get_runtimes_batch`: repeated `ids`, keyed by session_id. */
  async batchGetSandboxes(ids: string[]): Promise<(SandboxInfo | null)[]> {
    const params = ids
      .filter((id) => this.stored.has(id))
      .map((id): [string, string] => ['ids', id]);
    const batch = await this.http.json<RuntimeData[]>(
      await this.send('GET', '/sessions/batch', undefined, params),
    );
    const byId = new Map(batch.map((runtime) => [String(runtime['session_id']), runtime]));
    return ids.map((id) => (this.stored.has(id) ? this.toSandboxInfo(id, byId.get(id)) : null));
  }

  /** `_get_sandbox_by_session_api_key_legacy`: scans GET /list for the key. */
  async sandboxIdByKey(key: string): Promise<string | undefined> {
    const list = await this.http.json<{ runtimes: RuntimeData[] }>(await this.send('GET', '/list'));
    const runtime = list.runtimes.find((candidate) => candidate['session_api_key'] === key);
    return runtime ? String(runtime['session_id']) : undefined;
  }
}
