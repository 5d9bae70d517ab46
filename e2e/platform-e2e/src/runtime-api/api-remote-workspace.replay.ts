import { waitFor } from '@agentrt/testing';
import { HttpStatusError, ReplayHttp } from './replay-http';

interface BashOutputPage {
  items: { stdout?: string | null; exit_code?: number | null }[];
}

/**
 * The software-agent-sdk's `APIRemoteWorkspace`, replayed call by call from
 * openhands-workspace/openhands/workspace/remote_api/workspace.py, and its command execution
 * from openhands-sdk/openhands/sdk/workspace/remote/remote_workspace_mixin.py
 * (OpenHands/software-agent-sdk). Runtime API calls carry X-API-Key only; calls to the runtime
 * carry X-Session-API-Key only, and the readiness check of /health carries no key at all.
 */
export class ApiRemoteWorkspaceReplay {
  readonly http = new ReplayHttp();
  runtimeId: string | undefined;
  runtimeUrl: string | undefined;
  sessionApiKey: string | undefined;

  constructor(
    private readonly config: { apiUrl: string; apiKey: string; pauseOnClose: boolean },
    readonly sessionId: string,
  ) {}

  private get apiHeaders() {
    return { 'X-API-Key': this.config.apiKey };
  }

  /** `model_post_init` -> `_start_or_attach_to_runtime`. */
  async init(payload: Record<string, unknown>): Promise<void> {
    if (!(await this.checkExistingRuntime())) await this.startRuntime(payload);
    await this.waitUntilRuntimeAlive();
  }

  /** `_check_existing_runtime`: running or paused is reused (paused is resumed); 404 is none. */
  private async checkExistingRuntime(): Promise<boolean> {
    const url = `${this.config.apiUrl}/sessions/${this.sessionId}`;
    const response = await this.http.send('GET', url, { headers: this.apiHeaders });
    if (response.status === 404) return false;
    const data = await this.http.json<Record<string, unknown>>(response);
    if (data['status'] !== 'running' && data['status'] !== 'paused') return false;
    this.parse(data);
    if (data['status'] === 'paused') await this.resumeRuntime();
    return true;
  }

  private async startRuntime(payload: Record<string, unknown>): Promise<void> {
    const url = `${this.config.apiUrl}/start`;
    const response = await this.http.send('POST', url, { headers: this.apiHeaders, json: payload });
    this.parse(await this.http.json(response));
  }

  private parse(data: Record<string, unknown>): void {
    this.runtimeId = String(data['runtime_id'] ?? data['id']);
    this.runtimeUrl = String(data['url']);
    this.sessionApiKey = String(data['session_api_key']);
  }

  private async resumeRuntime(): Promise<void> {
    const json = { runtime_id: this.runtimeId };
    const url = `${this.config.apiUrl}/resume`;
    await this.http.json(await this.http.send('POST', url, { headers: this.apiHeaders, json }));
  }

  /**
   * `_wait_until_runtime_alive`: tenacity retries only the SDK's RuntimeError (not ready yet);
   * an HTTP error from runtime-api or a fatal pod status ends the wait at once.
   */
  private async waitUntilRuntimeAlive(): Promise<void> {
    const outcome = await waitFor(() => this.aliveOnce(), {
      timeoutMs: 30_000,
      intervalMs: 100,
      description: `runtime ${this.runtimeId} alive`,
    });
    if (outcome !== true) throw outcome;
  }

  /** `_wait_until_runtime_alive_once`: GET /sessions/{id}; on `ready`, {url}/health, no key. */
  private async aliveOnce(): Promise<true | Error | undefined> {
    const url = `${this.config.apiUrl}/sessions/${this.sessionId}`;
    const response = await this.http.send('GET', url, { headers: this.apiHeaders });
    if (!response.ok) return new HttpStatusError(response.status, await response.text());
    const data = (await response.json()) as { pod_status?: string; pod_logs?: string };
    const podStatus = (data.pod_status ?? '').toLowerCase();
    if (['failed', 'unknown', 'crashloopbackoff'].includes(podStatus)) {
      const logs = data.pod_logs ? `\nPod logs: ${data.pod_logs}` : '';
      return new Error(`Runtime failed (status: ${podStatus})${logs}`);
    }
    if (podStatus !== 'ready') return undefined;
    return (await this.http.send('GET', `${this.runtimeUrl}/health`)).ok || undefined;
  }

  async pause(): Promise<void> {
    const json = { runtime_id: this.runtimeId };
    const url = `${this.config.apiUrl}/pause`;
    await this.http.json(await this.http.send('POST', url, { headers: this.apiHeaders, json }));
  }

  async resume(): Promise<void> {
    await this.resumeRuntime();
    await this.waitUntilRuntimeAlive();
  }

  /** `cleanup`: pause or stop; the SDK logs a failure here instead of raising it. */
  async cleanup(): Promise<void> {
    const action = this.config.pauseOnClose ? 'pause' : 'stop';
    const json = { runtime_id: this.runtimeId };
    const url = `${this.config.apiUrl}/${action}`;
    await this.http.send('POST', url, { headers: this.apiHeaders, json });
  }

  /** `execute_command`: start_bash_command, then bash_events/search until an exit code shows. */
  async executeCommand(command: string): Promise<{ stdout: string; exitCode: number }> {
    const headers = { 'X-Session-API-Key': this.sessionApiKey ?? '' };
    const bash = `${this.runtimeUrl}/api/bash`;
    const started = await this.http.send('POST', `${bash}/start_bash_command`, {
      headers,
      json: { command, timeout: 30 },
    });
    const { id } = await this.http.json<{ id: string }>(started);
    const params: [string, string][] = [
      ['kind__eq', 'BashOutput'],
      ['sort_order', 'TIMESTAMP'],
      ['limit', '100'],
      ['command_id__eq', id],
    ];
    const outputs = await waitFor(
      async () => {
        const search = `${bash}/bash_events/search`;
        const page = await this.http.json<BashOutputPage>(
          await this.http.send('GET', search, { headers, params }),
        );
        return page.items.some((item) => typeof item.exit_code === 'number') && page.items;
      },
      { timeoutMs: 30_000, intervalMs: 100, description: `command ${id} to finish` },
    );
    const stdout = outputs.map((item) => item.stdout ?? '').join('');
    return { stdout, exitCode: outputs.find((item) => item.exit_code != null)?.exit_code ?? -1 };
  }
}
