import type { LlmConfig } from '@agentrt/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../../config/agent-server.config';
import type { LlmClient } from './llm-client';
import { llmCallSettings } from './llm-settings';

/** Makes the {@link LlmClient} for a conversation's `agent.llm`; a token so tests swap it. */
export interface LlmClientFactory {
  /** Rejects with an LlmError (`LLMConfigurationError`) when the model maps to no provider. */
  create(llm: LlmConfig): Promise<LlmClient>;
}

export const LLM_CLIENT_FACTORY = Symbol('LLM_CLIENT_FACTORY');

/** The real factory: the Vercel AI SDK with the server's timeout and retry defaults. */
@Injectable()
export class AiSdkLlmClientFactory implements LlmClientFactory {
  constructor(@Inject(AGENT_SERVER_CONFIG) private readonly config: AgentServerConfig) {}

  async create(llm: LlmConfig): Promise<LlmClient> {
    const settings = llmCallSettings(llm, {
      timeoutSeconds: this.config.LLM_TIMEOUT_SECONDS,
      numRetries: this.config.LLM_NUM_RETRIES,
      retryMinWaitSeconds: this.config.LLM_RETRY_MIN_WAIT_SECONDS,
      retryMaxWaitSeconds: this.config.LLM_RETRY_MAX_WAIT_SECONDS,
    });
    // Loaded at the first run rather than at boot: the AI SDK and its providers are several MB
    // of memory that an idle server (most of a runtime's life) never uses. Node caches modules,
    // so only the first run of the process pays the load.
    const [{ AiSdkLlmClient }, { languageModelFor }] = await Promise.all([
      import('./ai-sdk-llm-client'),
      import('./language-model'),
    ]);
    return new AiSdkLlmClient(languageModelFor(llm), settings);
  }
}
