import { Module } from '@nestjs/common';
import { AgentRunnerController } from './agent-runner.controller';
import { AgentRunsModule } from './agent-runs.module';

/** The agent-runner module's routes (mounted when SERVER_MODE serves it). */
@Module({ imports: [AgentRunsModule], controllers: [AgentRunnerController] })
export class AgentRunnerModule {}
