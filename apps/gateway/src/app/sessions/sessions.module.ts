import { Module } from '@nestjs/common';
import { AgentSessions } from './agent-sessions.service';
import { LlmSecrets } from './llm-secrets';

/** Runtimes and conversations for agent and debug runs. */
@Module({ providers: [AgentSessions, LlmSecrets], exports: [AgentSessions] })
export class SessionsModule {}
