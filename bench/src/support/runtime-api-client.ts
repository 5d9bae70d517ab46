import {
  BashOutputSchema,
  type Runtime,
  RuntimeListResponseSchema,
  RuntimeLookupResponseSchema,
  RuntimeSchema,
} from '@agentrt/contracts';

/** A failed start must fail the benchmark at once, not be polled until a timeout. */
const FATAL_POD_STATUSES = new Set(['failed', 'crashloopbackoff', 'unknown']);

/** Talks to runtime-api the way an OpenHands client does: JSON over HTTP with X-API-Key. */
export class RuntimeApiClient {
  constructor(
    readonly baseUrl: string,
    /** Also what the build routes are called with (B5's build client). */
    readonly apiKey: string,
  ) {}

  async start(body: Record<string, unknown>): Promise<Runtime> {
    return RuntimeSchema.parse(await this.call('POST', '/start', body));
  }

  async stop(runtimeId: string): Promise<void> {
    await this.call('POST', '/stop', { runtime_id: runtimeId });
  }

  async list(): Promise<Runtime[]> {
    return RuntimeListResponseSchema.parse(await this.call('GET', '/list')).runtimes;
  }

  /** The runtime once it is `running`/`ready`; undefined while it still starts; throws when it failed. */
  async readyRuntime(runtimeId: string): Promise<Runtime | undefined> {
    const found = RuntimeLookupResponseSchema.parse(
      await this.call('GET', `/runtime/${runtimeId}`),
    );
    if (FATAL_POD_STATUSES.has(found.pod_status) || !('status' in found))
      throw new Error(`runtime ${runtimeId} failed: ${JSON.stringify(found)}`);
    return found.status === 'running' && found.pod_status === 'ready' ? found : undefined;
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'X-API-Key': this.apiKey },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
    return JSON.parse(text) as unknown;
  }
}

/** `execute_bash_command` through the runtime's public url; throws unless it exits 0. */
export async function executeBash(runtime: Runtime, command: string): Promise<void> {
  const response = await fetch(`${runtime.url}/api/bash/execute_bash_command`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Session-API-Key': runtime.session_api_key },
    body: JSON.stringify({ command, timeout: 30 }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`execute_bash_command -> ${response.status}: ${text}`);
  const output = BashOutputSchema.parse(JSON.parse(text));
  if (output.exit_code !== 0) throw new Error(`'${command}' exited ${String(output.exit_code)}`);
}

/** GET `/alive` through the runtime's public url; true on 200. */
export async function isAlive(runtime: Runtime): Promise<boolean> {
  const response = await fetch(`${runtime.url}/alive`, {
    headers: { 'X-Session-API-Key': runtime.session_api_key },
  }).catch(() => undefined);
  await response?.body?.cancel();
  return response?.status === 200;
}
