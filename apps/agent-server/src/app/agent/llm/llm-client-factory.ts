import type { LlmConfig } from '@agentrt/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { AGENT_SERVER_CONFIG, type AgentServerConfig } from '../../config/agent-server.config';
import { AiSdkLlmClient } from './ai-sdk-llm-client';
import { languageModelFor } from './language-model';
import type { LlmClient } from './llm-client';
import { llmCallSettings } from './llm-settings';

/** Makes the {@link LlmClient} for a conversation's `agent.llm`; a token so tests swap it. */
export interface LlmClientFactory {
  /** Throws an LlmError (`LLMConfigurationError`) when the model cannot be mapped to a provider. */
  create(llm: LlmConfig): LlmClient;
}

export const LLM_CLIENT_FACTORY = Symbol('LLM_CLIENT_FACTORY');

/** The real factory: the Vercel AI SDK with the server's timeout and retry defaults. */
@Injectable()
export class AiSdkLlmClientFactory implements LlmClientFactory {
  constructor(@Inject(AGENT_SERVER_CONFIG) private readonly config: AgentServerConfig) {}

  create(llm: LlmConfig): LlmClient {
    const settings = llmCallSettings(llm, {
      timeoutSeconds: this.config.LLM_TIMEOUT_SECONDS,
      numRetries: this.config.LLM_NUM_RETRIES,
      retryMinWaitSeconds: this.config.LLM_RETRY_MIN_WAIT_SECONDS,
      retryMaxWaitSeconds: this.config.LLM_RETRY_MAX_WAIT_SECONDS,
    });
    return new AiSdkLlmClient(languageModelFor(llm), settings);
  }
}
