import {
  type Runtime,
  RuntimeSchema,
  type StartRequest,
  isFatalPodStatus,
} from '@agentrt/contracts';
import { z } from 'zod';
import { ApiCallError } from '../http/api-call-error';
import { HttpService } from '../http/http-service';

export interface RuntimeApiClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Sent as `X-Request-Id` so runtime-api's logs carry the caller's request id. */
  requestId?: string;
  timeoutMs?: number;
}

export interface ReadyOptions {
  timeoutMs: number;
  pollMs?: number;
  signal?: AbortSignal;
}

const SuccessSchema = z.unknown();

/** The Runtime API (runtime-api.md), as the gateway and other internal callers use it. */
export class RuntimeApiClient {
  private readonly http: HttpService;

  constructor(options: RuntimeApiClientOptions) {
    const headers: Record<string, string> = { 'X-API-Key': options.apiKey };
    if (options.requestId) headers['X-Request-Id'] = options.requestId;
    this.http = new HttpService({
      baseUrl: options.baseUrl,
      headers,
      timeoutMs: options.timeoutMs,
    });
  }

  /** `POST /start`: a warm runtime when the pool has one, else a new one (maybe still starting). */
  start(request: Partial<StartRequest> & { image: string }): Promise<Runtime> {
    return this.http.json('/start', RuntimeSchema, { body: request, timeoutMs: 120_000 });
  }

  runtime(runtimeId: string): Promise<Runtime> {
    return this.http.json(`/runtime/${encodeURIComponent(runtimeId)}`, RuntimeSchema);
  }

  async stop(runtimeId: string): Promise<void> {
    await this.http.json('/stop', SuccessSchema, { body: { runtime_id: runtimeId } });
  }

  async pause(runtimeId: string): Promise<void> {
    await this.http.json('/pause', SuccessSchema, { body: { runtime_id: runtimeId } });
  }

  async resume(runtimeId: string): Promise<void> {
    await this.http.json('/resume', SuccessSchema, { body: { runtime_id: runtimeId } });
  }

  /**
   * Polls `GET /runtime/{id}` until `running` + `pod_status=ready`, the way OpenHands clients do;
   * a failed pod or `error`/`stopped` status ends the wait at once with the reason.
   */
  async waitUntilReady(runtime: Runtime, options: ReadyOptions): Promise<Runtime> {
    const deadline = Date.now() + options.timeoutMs;
    let current = runtime;
    for (;;) {
      if (current.status === 'running' && current.pod_status === 'ready') return current;
      if (
        current.status === 'error' ||
        current.status === 'stopped' ||
        isFatalPodStatus(current.pod_status)
      ) {
        throw notReady(
          current,
          `runtime ${current.runtime_id} is ${current.status} (${current.pod_status})`,
        );
      }
      if (Date.now() >= deadline || options.signal?.aborted) {
        throw notReady(
          current,
          `runtime ${current.runtime_id} not ready after ${options.timeoutMs} ms`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
      current = await this.runtime(current.runtime_id);
    }
  }
}

function notReady(runtime: Runtime, message: string): ApiCallError {
  return new ApiCallError('GET', `/runtime/${runtime.runtime_id}`, 503, undefined, message);
}
