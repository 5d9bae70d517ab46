import { Module } from '@nestjs/common';
import { AgentRunsModule } from '../agent-runner/agent-runs.module';
import { SessionsModule } from '../sessions/sessions.module';
import { DebugMonitor } from './debug-monitor';
import { DebugRunAccess } from './debug-run-access';
import { DebugRuns } from './debug-runs.service';
import { DebuggerController } from './debugger.controller';

/** The debugger module (mounted when SERVER_MODE serves it). */
@Module({
  imports: [AgentRunsModule, SessionsModule],
  controllers: [DebuggerController],
  providers: [DebugRuns, DebugRunAccess, DebugMonitor],
})
export class DebuggerModule {}
