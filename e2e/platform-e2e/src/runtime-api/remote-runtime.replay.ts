import { waitFor } from '@agentrt/testing';
import { HttpStatusError, type ReplayHttp } from './replay-http';

/**
 * OpenHands V0 `RemoteRuntime`, replayed call by call from
 * openhands/runtime/impl/remote/remote_runtime.py (OpenHands/OpenHands). Its one httpx session
 * sends X-API-Key, and X-Session-API-Key once known, to runtime-api and to the runtime alike.
 */
export class RemoteRuntimeReplay {
  runtimeId: string | undefined;
  runtimeUrl: string | undefined;
  sessionApiKey: string | undefined;

  constructor(
    readonly http: ReplayHttp,
    private readonly config: {
      apiUrl: string;
      apiKey: string;
      keepRuntimeAlive: boolean;
      pauseClosedRuntimes: boolean;
      attachToExisting?: boolean;
    },
    readonly sid: string,
  ) {}

  private get headers(): Record<string, string> {
    const headers: Record<string, string> = { 'X-API-Key': this.config.apiKey };
    if (this.sessionApiKey) headers['X-Session-API-Key'] = this.sessionApiKey;
    return headers;
  }

  /** `_start_or_attach_to_runtime`. */
  async connect(startRequest: Record<string, unknown>): Promise<void> {
    if (!(await this.checkExistingRuntime())) {
      if (this.config.attachToExisting) throw new Error(`no existing runtime for ${this.sid}`);
      await this.startRuntime(startRequest);
    }
    await this.waitUntilAlive();
  }

  /**
   * `_check_existing_runtime`: 404 means none; running is used as is; paused is resumed. (The
   * client swallows a failed resume and starts anew; the replay lets the failure show.)
   */
  private async checkExistingRuntime(): Promise<boolean> {
    const url = `${this.config.apiUrl}/sessions/${this.sid}`;
    const response = await this.http.send('GET', url, { headers: this.headers });
    if (response.status === 404) return false;
    const data = await this.http.json<Record<string, unknown>>(response);
    if (data['status'] === 'running' || data['status'] === 'paused') this.parse(data);
    if (data['status'] === 'paused') await this.resumeRuntime();
    return data['status'] === 'running' || data['status'] === 'paused';
  }

  /**
   * `_build_runtime`, before the build itself (RemoteRuntimeBuilder, not replayed here): the
   * repository built runtime images go to, from GET /registry_prefix.
   */
  async runtimeImageRepo(): Promise<string> {
    const url = `${this.config.apiUrl}/registry_prefix`;
    const response = await this.http.send('GET', url, { headers: this.headers });
    const { registry_prefix } = await this.http.json<{ registry_prefix: string }>(response);
    return `${registry_prefix.replace(/\/+$/, '')}/runtime`;
  }

  /** `_build_runtime`, after the build: GET /image_exists; a missing image is an error. */
  async checkImageExists(image: string): Promise<void> {
    const url = `${this.config.apiUrl}/image_exists`;
    const params: [string, string][] = [['image', image]];
    const response = await this.http.send('GET', url, { headers: this.headers, params });
    const data = await this.http.json<{ exists: boolean }>(response);
    if (!data.exists) throw new Error(`AgentRuntimeError: Container image ${image} does not exist`);
  }

  /** `_start_runtime`: POST /start, then `_parse_runtime_response`. */
  private async startRuntime(body: Record<string, unknown>): Promise<void> {
    const url = `${this.config.apiUrl}/start`;
    const response = await this.http.send('POST', url, { headers: this.headers, json: body });
    this.parse(await this.http.json(response));
  }

  /** `_resume_runtime`: POST /resume, then wait until alive again. */
  async resumeRuntime(): Promise<void> {
    const url = `${this.config.apiUrl}/resume`;
    const json = { runtime_id: this.runtimeId };
    await this.http.json(await this.http.send('POST', url, { headers: this.headers, json }));
    await this.waitUntilAlive();
  }

  private parse(data: Record<string, unknown>): void {
    this.runtimeId = String(data['runtime_id']);
    this.runtimeUrl = String(data['url']);
    if ('session_api_key' in data) this.sessionApiKey = String(data['session_api_key']);
  }

  /**
   * `_wait_until_alive`: tenacity retries only AgentRuntimeNotReadyError (not ready, or /alive
   * failing); an HTTP error from runtime-api or a fatal pod status ends the wait at once. The
   * client waits 2 s between tries; the replay polls faster to keep tests short.
   */
  async waitUntilAlive(): Promise<void> {
    const outcome = await waitFor(() => this.aliveOnce(), {
      timeoutMs: 30_000,
      intervalMs: 100,
      description: `runtime ${this.runtimeId} to be alive`,
    });
    if (outcome !== true) throw outcome;
  }

  /** `_wait_until_alive_impl`: GET /runtime/{id}; on `ready`, GET {url}/alive. */
  private async aliveOnce(): Promise<true | Error | undefined> {
    const url = `${this.config.apiUrl}/runtime/${this.runtimeId}`;
    const response = await this.http.send('GET', url, { headers: this.headers });
    if (!response.ok) return new HttpStatusError(response.status, await response.text());
    const data = (await response.json()) as Record<string, unknown>;
    if (data['runtime_id'] !== this.runtimeId)
      return new Error(`wrong runtime: ${String(data['runtime_id'])}`);
    const podStatus = String(data['pod_status']).toLowerCase();
    if (['failed', 'unknown', 'crashloopbackoff'].includes(podStatus)) {
      return new Error(
        `AgentRuntimeUnavailableError: runtime is unavailable (status: ${podStatus})`,
      );
    }
    if (podStatus !== 'ready') return undefined;
    const alive = await this.http.send('GET', `${this.runtimeUrl}/alive`, {
      headers: this.headers,
    });
    return alive.ok || undefined;
  }

  /**
   * `_send_action_server_request`: a 503 from a paused runtime, with keep_runtime_alive, means
   * resume and retry. Our runtimes run the agentrt agent server, not V0's action execution
   * server, so the action is a bash command on the agent server's bash route.
   */
  async runAction(command: string): Promise<Response> {
    const send = () =>
      this.http.send('POST', `${this.runtimeUrl}/api/bash/execute_bash_command`, {
        headers: this.headers,
        json: { command, timeout: 30 },
      });
    const first = await send();
    if (first.status !== 503 || !this.config.keepRuntimeAlive) return first;
    await this.resumeRuntime();
    return await send();
  }

  /** `close`: pause when kept alive with pause_closed_runtimes, else stop. */
  async close(): Promise<void> {
    if (this.config.attachToExisting) return;
    if (this.config.keepRuntimeAlive && !this.config.pauseClosedRuntimes) return;
    const action = this.config.keepRuntimeAlive ? 'pause' : 'stop';
    const url = `${this.config.apiUrl}/${action}`;
    const json = { runtime_id: this.runtimeId };
    await this.http.json(await this.http.send('POST', url, { headers: this.headers, json }));
  }
}
