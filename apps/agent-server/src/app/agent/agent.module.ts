import { Module } from '@nestjs/common';
import { AGENT_RUNNER } from './agent-runner';
import { AgentLoop } from './agent-loop';
import { AiSdkLlmClientFactory, LLM_CLIENT_FACTORY } from './llm/llm-client-factory';
import { AgentToolsModule } from './tools/tools.module';

/** The agent: its LLM loop, offered to the conversations module as {@link AGENT_RUNNER}. */
@Module({
  imports: [AgentToolsModule],
  providers: [
    { provide: LLM_CLIENT_FACTORY, useClass: AiSdkLlmClientFactory },
    { provide: AGENT_RUNNER, useClass: AgentLoop },
  ],
  exports: [AGENT_RUNNER],
})
export class AgentModule {}
