import type { AgentDefinition, ConversationInfo } from '@agentrt/contracts';
import { AgentServerClient, ApiCallError, RuntimeApiClient } from '@agentrt/client';
import type { RunRuntime } from '@agentrt/gateway-state';
import { ApiException } from '@agentrt/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { agentConfigOf } from './agent-config';
import { LlmSecrets } from './llm-secrets';

export interface OpenOptions {
  requestId: string;
  /** Runs with the same session share one runtime (runtime-api's attach-or-start). */
  sessionId?: string;
  /** `AlwaysConfirm`: the agent stops before every action (debug runs). */
  confirmEveryAction: boolean;
}

export interface AgentSession {
  runtime: RunRuntime;
  conversation: ConversationInfo;
}

/**
 * Gets an agent a place to run: a runtime from runtime-api (its warm pool first; runtime-api
 * decides) that is ready, and a conversation on its agent server configured from the agent's
 * definition. Also releases runtimes afterwards.
 */
@Injectable()
export class AgentSessions {
  private readonly logger = new Logger('AgentSessions');

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly secrets: LlmSecrets,
  ) {}

  async open(agent: AgentDefinition, options: OpenOptions): Promise<AgentSession> {
    const apiKey = await this.secrets.keyFor(agent.llm.api_key_ref, agent.id);
    const runtime = await this.runtime(agent, options);
    try {
      const conversation = await this.agentServer(runtime, options.requestId).createConversation({
        agent: agentConfigOf(agent, apiKey),
        confirmation_policy: {
          kind: options.confirmEveryAction ? 'AlwaysConfirm' : 'NeverConfirm',
        },
      });
      return { runtime, conversation };
    } catch (error) {
      if (options.sessionId === undefined) await this.release(runtime, 'stop', options.requestId);
      throw error;
    }
  }

  /** The agent server of a runtime, through its public `url` with its session key. */
  agentServer(runtime: RunRuntime, requestId?: string): AgentServerClient {
    return new AgentServerClient({
      baseUrl: runtime.url,
      sessionApiKey: runtime.session_api_key,
      requestId,
    });
  }

  /** Stops the runtime (`stop`) or leaves it for the next run and the idle reaper (`keep`). */
  async release(runtime: RunRuntime, policy: 'stop' | 'keep', requestId?: string): Promise<void> {
    if (policy === 'keep') return;
    try {
      await this.runtimeApi(requestId).stop(runtime.runtime_id);
    } catch (error) {
      // Not fatal for the run; runtime-api's idle reaper stops it eventually.
      this.logger.warn({ err: error, runtime_id: runtime.runtime_id }, 'could not stop runtime');
    }
  }

  private async runtime(agent: AgentDefinition, options: OpenOptions): Promise<RunRuntime> {
    const api = this.runtimeApi(options.requestId);
    try {
      const started = await api.start({
        image: agent.runtime_image,
        resource_factor: agent.resource_factor,
        ...(options.sessionId === undefined ? {} : { session_id: options.sessionId }),
      });
      const timeoutMs = this.config.RUN_RUNTIME_READY_TIMEOUT_SECONDS * 1000;
      const ready = await api.waitUntilReady(started, { timeoutMs });
      return {
        runtime_id: ready.runtime_id,
        url: ready.url,
        session_api_key: ready.session_api_key,
      };
    } catch (error) {
      throw runtimeFailure(error);
    }
  }

  private runtimeApi(requestId?: string): RuntimeApiClient {
    return new RuntimeApiClient({
      baseUrl: this.config.RUNTIME_API_URL,
      apiKey: this.config.RUNTIME_API_KEY,
      requestId,
    });
  }
}

/** runtime-api's refusal passes through (429 keeps its Retry-After); anything else is a 502/503. */
function runtimeFailure(error: unknown): ApiException {
  if (!(error instanceof ApiCallError)) throw error;
  if (error.status === 429) {
    const headers: Record<string, string> =
      error.retryAfterSeconds === undefined
        ? {}
        : { 'Retry-After': String(error.retryAfterSeconds) };
    return new ApiException(
      429,
      `runtime-api refused a runtime: ${error.body?.detail ?? error.message}`,
      'rate_limited',
      {},
      headers,
    );
  }
  const status = error.unreachable ? 503 : 502;
  return new ApiException(
    status,
    `Could not get a runtime: ${error.body?.detail ?? error.message}`,
  );
}
