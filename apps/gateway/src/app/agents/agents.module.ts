import { Module } from '@nestjs/common';
import { AgentResolver } from './agent-resolver.service';

/** Finding the agent a public request addresses (header, host, path; version by path or header). */
@Module({ providers: [AgentResolver], exports: [AgentResolver] })
export class AgentsModule {}
