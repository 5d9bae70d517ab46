import { Module } from '@nestjs/common';
import { AgentRunsModule } from '../agent-runner/agent-runs.module';
import { AgentCalls } from './agent-calls.service';
import { AlexaController } from './alexa/alexa.controller';
import { AlexaSkill } from './alexa/alexa-skill.service';
import { McpController } from './mcp/mcp.controller';
import { AgentModels } from './openai/agent-models.service';
import { OpenAiController } from './openai/openai.controller';

/**
 * The embodiment module (gateway.md): agents behind other protocols, chosen by path: OpenAI chat
 * completions, MCP and Alexa. Its documents (/swagger, /postman, /chatgpt/openapi.json) are
 * mounted by `mountEmbodimentDocs`.
 */
@Module({
  imports: [AgentRunsModule],
  controllers: [OpenAiController, McpController, AlexaController],
  providers: [AgentCalls, AgentModels, AlexaSkill],
})
export class EmbodimentModule {}
