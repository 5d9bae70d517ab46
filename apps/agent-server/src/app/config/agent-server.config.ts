import { resolve } from 'node:path';
import { hostVar, logLevelVar, portVar } from '@agentrt/platform';
import { z } from 'zod';

const SESSION_KEY_VARIABLE = /^OH_SESSION_API_KEYS_\d+$/;

const positiveInt = (max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`);

/** The variables as set; see {@link AgentServerConfigSchema} for what the app sees. */
const AgentServerEnvSchema = z.looseObject({
  HOST: hostVar(),
  // 8000 is the OpenHands agent server's port; runtime-api passes the real one per runtime.
  PORT: portVar(8000),
  LOG_LEVEL: logLevelVar(),
  SESSION_API_KEY: z.string().min(1, 'must not be empty when set').optional(),
  INIT_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  WORKSPACE_DIR: z.string().min(1).default('workspace'),
  AGENT_STATE_DIR: z.string().min(1).optional(),
  FILE_UPLOAD_MAX_BYTES: positiveInt(10 * 1024 ** 3).default(100 * 1024 ** 2),
  MAX_SUBSCRIBERS_PER_CONVERSATION: positiveInt(10_000).default(100),
  CONVERSATION_IDLE_TTL_SECONDS: positiveInt(7 * 24 * 3600).default(600),
  OH_RUNTIME_IDLE_TIMEOUT_SECONDS: positiveInt(365 * 24 * 3600).optional(),
});

/**
 * Every variable the agent server reads; documented in apps/agent-server/README.md.
 * Session keys come from `SESSION_API_KEY` and any `OH_SESSION_API_KEYS_<n>`; paths are made
 * absolute once here; `CHILD_ENV` is what commands and tools inherit: the environment minus the
 * server's own variables, so session and init keys never reach a command the agent runs.
 */
export const AgentServerConfigSchema = AgentServerEnvSchema.transform((env) => {
  const workspaceDir = resolve(env.WORKSPACE_DIR);
  const extraKeys = Object.keys(env)
    .filter((name) => SESSION_KEY_VARIABLE.test(name))
    .sort((a, b) => Number(a.split('_').pop()) - Number(b.split('_').pop()))
    .map((name) => env[name])
    .filter((value): value is string => typeof value === 'string' && value.length > 0);
  const ownVariables = new Set(Object.keys(AgentServerEnvSchema.shape));
  const childEnv = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === 'string' &&
        !ownVariables.has(entry[0]) &&
        !SESSION_KEY_VARIABLE.test(entry[0]),
    ),
  );
  return {
    HOST: env.HOST,
    PORT: env.PORT,
    LOG_LEVEL: env.LOG_LEVEL,
    SESSION_API_KEYS: [
      ...new Set([env.SESSION_API_KEY, ...extraKeys].filter((key): key is string => !!key)),
    ],
    INIT_API_KEY: env.INIT_API_KEY,
    WORKSPACE_DIR: workspaceDir,
    AGENT_STATE_DIR: resolve(env.AGENT_STATE_DIR ?? `${workspaceDir}/.agentrt`),
    FILE_UPLOAD_MAX_BYTES: env.FILE_UPLOAD_MAX_BYTES,
    MAX_SUBSCRIBERS_PER_CONVERSATION: env.MAX_SUBSCRIBERS_PER_CONVERSATION,
    CONVERSATION_IDLE_TTL_SECONDS: env.CONVERSATION_IDLE_TTL_SECONDS,
    OH_RUNTIME_IDLE_TIMEOUT_SECONDS: env.OH_RUNTIME_IDLE_TIMEOUT_SECONDS,
    CHILD_ENV: childEnv,
  };
});
export type AgentServerConfig = z.output<typeof AgentServerConfigSchema>;

export const AGENT_SERVER_CONFIG = Symbol('AGENT_SERVER_CONFIG');
