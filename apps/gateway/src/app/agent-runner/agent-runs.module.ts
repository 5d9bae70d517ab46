import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AgentRuns } from './agent-runs.service';
import { RunExecutor } from './run-executor.service';
import { RunFollower } from './run-follower.service';

/** Running agents, without routes: used by the agent-runner's controller and the embodiments. */
@Module({
  imports: [AgentsModule, SessionsModule],
  providers: [AgentRuns, RunExecutor, RunFollower],
  exports: [AgentRuns, RunFollower, AgentsModule],
})
export class AgentRunsModule {}
