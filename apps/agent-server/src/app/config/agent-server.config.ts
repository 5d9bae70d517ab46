import { hostVar, logLevelVar, portVar } from '@agentrt/platform';
import { z } from 'zod';

/** Every variable the agent server reads; documented in apps/agent-server/README.md. */
export const AgentServerConfigSchema = z.object({
  HOST: hostVar(),
  // 8000 is the OpenHands agent server's port; runtime-api passes the real one per runtime.
  PORT: portVar(8000),
  LOG_LEVEL: logLevelVar(),
  SESSION_API_KEY: z.string().min(1, 'must not be empty when set').optional(),
});
export type AgentServerConfig = z.output<typeof AgentServerConfigSchema>;

export const AGENT_SERVER_CONFIG = Symbol('AGENT_SERVER_CONFIG');
