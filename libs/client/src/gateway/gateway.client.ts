import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AgentRunListResponse,
  AgentRunListResponseSchema,
  type AgentRunMode,
  type AgentRunResponse,
  AgentRunResponseSchema,
  GATEWAY_HEADERS,
} from '@agentrt/contracts';
import { ApiCallError } from '../http/api-call-error';
import { HttpService } from '../http/http-service';
import type { RetryOptions } from '../http/retry-policy';
import { AgentsAdmin } from './agents-admin';
import { type RunStreamItem, runStreamItem } from './run-stream';
import { sseMessages } from './sse';

export interface GatewayClientOptions extends RetryOptions {
  /** The public port, e.g. `http://127.0.0.1:5053`. */
  baseUrl: string;
  /** Sent as `X-API-Key`. */
  apiKey: string;
  /** The admin port (agents CRUD); without it `agents` calls fail saying so. */
  adminUrl?: string;
  /** A key with the `admin` scope; default `apiKey`. */
  adminKey?: string;
  requestId?: string;
  timeoutMs?: number;
}

export interface StartRunRequest {
  /** The agent; without it the gateway's default routing (host, `X-AGENT-ID`) decides. */
  agentId?: string;
  /** A version (`X-AGENT-VERSION`); default the latest. */
  version?: string;
  input: string;
  /** `sync` (default) waits for the answer; `async` returns at once with a run to follow. */
  mode?: AgentRunMode;
  timeoutSeconds?: number;
  /** Runs with the same session id share one runtime. */
  sessionId?: string;
}

/** A sync run answers a little after its own timeout at the latest (the gateway's grace). */
const SYNC_GRACE_MS = 30_000;
const DEFAULT_RUN_TIMEOUT_SECONDS = 300;
const MAX_RECONNECTS = 5;
const RECONNECT_BASE_MS = 500;

/** The gateway (gateway.md): agent runs on the public port, agent definitions on the admin port. */
export class GatewayClient {
  /** Agent definitions (admin port). */
  readonly agents: AgentsAdmin;
  private readonly http: HttpService;
  private readonly admin: HttpService | undefined;

  constructor(options: GatewayClientOptions) {
    const headers = (key: string) => ({
      'X-API-Key': key,
      ...(options.requestId ? { [GATEWAY_HEADERS.REQUEST_ID]: options.requestId } : {}),
    });
    this.http = new HttpService({ ...options, headers: headers(options.apiKey) });
    this.admin = options.adminUrl
      ? new HttpService({
          ...options,
          baseUrl: options.adminUrl,
          headers: headers(options.adminKey ?? options.apiKey),
        })
      : undefined;
    this.agents = new AgentsAdmin(() => {
      if (!this.admin) throw new Error("the gateway's admin URL is not configured");
      return this.admin;
    });
  }

  /** Starts a run: a sync run resolves when it ended (or its time ran out), an async one at once. */
  startRun(request: StartRunRequest): Promise<AgentRunResponse> {
    const mode = request.mode ?? 'sync';
    const timeoutSeconds = request.timeoutSeconds ?? DEFAULT_RUN_TIMEOUT_SECONDS;
    const path = request.agentId
      ? `/api/agents/${encodeURIComponent(request.agentId)}/runs`
      : '/api/runs';
    return this.http.json(path, AgentRunResponseSchema, {
      body: {
        input: request.input,
        mode,
        timeout_seconds: timeoutSeconds,
        ...(request.sessionId ? { session_id: request.sessionId } : {}),
      },
      headers: request.version ? { [GATEWAY_HEADERS.AGENT_VERSION]: request.version } : {},
      ...(mode === 'sync' ? { timeoutMs: timeoutSeconds * 1000 + SYNC_GRACE_MS } : {}),
    });
  }

  run(runId: string): Promise<AgentRunResponse> {
    return this.http.json(`/api/runs/${encodeURIComponent(runId)}`, AgentRunResponseSchema);
  }

  /** The caller's runs, newest first. */
  runs(page: { offset?: number; limit?: number } = {}): Promise<AgentRunListResponse> {
    return this.http.json('/api/runs', AgentRunListResponseSchema, { query: page });
  }

  /** Cancels an unfinished run; a 409 `ApiCallError` once it has ended. */
  cancelRun(runId: string): Promise<AgentRunResponse> {
    return this.http.json(`/api/runs/${encodeURIComponent(runId)}/cancel`, AgentRunResponseSchema, {
      body: {},
    });
  }

  /**
   * Follows `GET /api/runs/{id}/events` (Server-Sent Events) until `end`, handing each event
   * and state change to `onItem`, then resolves with the run as it ended. A stream that breaks
   * before `end` is reopened (capped backoff, at most 5 times); the gateway replays the run's
   * events, and those already handed over (by id) are not handed over again.
   */
  async followRun(
    runId: string,
    onItem: (item: RunStreamItem) => void,
    signal?: AbortSignal,
  ): Promise<AgentRunResponse> {
    const seen = new Set<string>();
    let lastStatus: string | undefined;
    const deliver = (item: RunStreamItem) => {
      if (item.type === 'event') {
        if (seen.has(item.event.id)) return;
        seen.add(item.event.id);
      } else {
        if (item.run.status === lastStatus) return;
        lastStatus = item.run.status;
      }
      onItem(item);
    };
    const path = `/api/runs/${encodeURIComponent(runId)}/events`;
    for (let reconnect = 0; reconnect <= MAX_RECONNECTS; reconnect += 1) {
      if (reconnect > 0) {
        await sleep(Math.min(RECONNECT_BASE_MS * 2 ** (reconnect - 1), 8_000), undefined, {
          signal,
        });
      }
      if (await this.streamOnce(path, deliver, signal)) return this.run(runId);
    }
    throw new ApiCallError(
      'GET',
      path,
      undefined,
      undefined,
      `the events of run ${runId} kept breaking off before the run ended`,
    );
  }

  /** One connection to the run's stream: true when it reached `end`, false when it broke. */
  private async streamOnce(
    path: string,
    deliver: (item: RunStreamItem) => void,
    signal: AbortSignal | undefined,
  ): Promise<boolean> {
    let response: Response;
    try {
      response = await this.http.raw(path, { headers: { accept: 'text/event-stream' }, signal });
    } catch (error) {
      if (error instanceof ApiCallError && error.unreachable && !signal?.aborted) return false;
      throw error;
    }
    if (!response.body) return false;
    try {
      for await (const message of sseMessages(response.body)) {
        const item = runStreamItem(message);
        if (item === 'end') return true;
        if (item) deliver(item);
      }
    } catch (error) {
      if (signal?.aborted) throw error;
    }
    return false;
  }
}
