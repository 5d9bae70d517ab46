import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { booleanVar, hostVar, listVar, logLevelVar, portVar } from '@agentrt/platform';
import { z } from 'zod';
import { CODE_CACHE_MODES } from '../../boot/code-cache-mode';
import { loadSecurityRules, type SecurityRule } from '../agent/security/security-rules';

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
  METRICS_ENABLED: booleanVar(true),
  // Read by the loader (main.ts) before the app exists; listed here so it is validated the same
  // way, documented with the rest and kept from the agent's commands.
  AGENT_SERVER_CODE_CACHE: z.enum(CODE_CACHE_MODES).default('auto'),
  SESSION_API_KEY: z.string().min(1, 'must not be empty when set').optional(),
  INIT_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  WORKSPACE_DIR: z.string().min(1).default('workspace'),
  AGENT_STATE_DIR: z.string().min(1).optional(),
  FILE_UPLOAD_MAX_BYTES: positiveInt(10 * 1024 ** 3).default(100 * 1024 ** 2),
  MAX_SUBSCRIBERS_PER_CONVERSATION: positiveInt(10_000).default(100),
  CONVERSATION_IDLE_TTL_SECONDS: positiveInt(7 * 24 * 3600).default(600),
  OH_RUNTIME_IDLE_TIMEOUT_SECONDS: positiveInt(365 * 24 * 3600).optional(),
  BASH_EVENTS_MAX: positiveInt(1_000_000).default(10_000),
  BASH_EVENTS_MAX_BYTES: positiveInt(8 * 1024 ** 3).default(64 * 1024 ** 2),
  FILE_ALLOWED_ROOTS: listVar()
    .pipe(z.array(z.string().refine(isAbsolute, 'must list absolute paths')).min(1))
    .optional(),
  FILE_UPLOAD_ALLOWED_EXTENSIONS: listVar().default([]),
  LLM_TIMEOUT_SECONDS: positiveInt(3600).default(300),
  LLM_NUM_RETRIES: z.coerce.number().int().min(0).max(10).default(5),
  LLM_RETRY_MIN_WAIT_SECONDS: z.coerce.number().min(0).max(600).default(8),
  LLM_RETRY_MAX_WAIT_SECONDS: z.coerce.number().min(0).max(3600).default(64),
  AGENT_SYSTEM_PROMPT: z.string().min(1, 'must not be empty when set').optional(),
  AGENT_SECURITY_RULES: z.string().min(1).optional().transform(securityRules),
  TMUX_SOCKET: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"')
    .default('agentrt'),
  TERMINAL_OUTPUT_LIMIT: positiveInt(10_000_000).default(30_000),
  TERMINAL_TIMEOUT_SECONDS: positiveInt(7 * 24 * 3600).default(120),
  TERMINAL_MAX_TIMEOUT_SECONDS: positiveInt(7 * 24 * 3600).default(3600),
  // `none` forces the fetch fallback; unset looks for an installed Chromium.
  BROWSER_EXECUTABLE: z.string().min(1, 'must not be empty when set').optional(),
  BROWSER_TIMEOUT_SECONDS: positiveInt(3600).default(30),
  BROWSER_OUTPUT_LIMIT: positiveInt(10_000_000).default(20_000),
  CODE_CELL_PYTHON: z.string().min(1, 'must not be empty when set').default('python3'),
  CODE_CELL_TIMEOUT_SECONDS: positiveInt(7 * 24 * 3600).default(120),
  CONDENSER_MAX_SIZE: z.coerce.number().int().min(0).max(100_000).default(120),
  CONDENSER_KEEP_FIRST: z.coerce.number().int().min(0).max(1000).default(4),
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
    METRICS_ENABLED: env.METRICS_ENABLED,
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
    BASH_EVENTS_MAX: env.BASH_EVENTS_MAX,
    BASH_EVENTS_MAX_BYTES: env.BASH_EVENTS_MAX_BYTES,
    // The home of the user commands run as: what `~` means to them, so uploads may go there.
    FILE_ALLOWED_ROOTS: (
      env.FILE_ALLOWED_ROOTS ?? [workspaceDir, childEnv['HOME'] ?? homeOrWorkspace(workspaceDir)]
    ).map((root) => resolve(root)),
    FILE_UPLOAD_ALLOWED_EXTENSIONS: env.FILE_UPLOAD_ALLOWED_EXTENSIONS.map(
      (extension) => `.${extension.replace(/^\./, '').toLowerCase()}`,
    ),
    LLM_TIMEOUT_SECONDS: env.LLM_TIMEOUT_SECONDS,
    LLM_NUM_RETRIES: env.LLM_NUM_RETRIES,
    LLM_RETRY_MIN_WAIT_SECONDS: env.LLM_RETRY_MIN_WAIT_SECONDS,
    LLM_RETRY_MAX_WAIT_SECONDS: env.LLM_RETRY_MAX_WAIT_SECONDS,
    AGENT_SYSTEM_PROMPT: env.AGENT_SYSTEM_PROMPT,
    AGENT_SECURITY_RULES: env.AGENT_SECURITY_RULES,
    TMUX_SOCKET: env.TMUX_SOCKET,
    TERMINAL_OUTPUT_LIMIT: env.TERMINAL_OUTPUT_LIMIT,
    // A default above the ceiling would be a contradiction: the ceiling wins.
    TERMINAL_TIMEOUT_SECONDS: Math.min(
      env.TERMINAL_TIMEOUT_SECONDS,
      env.TERMINAL_MAX_TIMEOUT_SECONDS,
    ),
    TERMINAL_MAX_TIMEOUT_SECONDS: env.TERMINAL_MAX_TIMEOUT_SECONDS,
    BROWSER_EXECUTABLE: env.BROWSER_EXECUTABLE,
    BROWSER_TIMEOUT_SECONDS: env.BROWSER_TIMEOUT_SECONDS,
    BROWSER_OUTPUT_LIMIT: env.BROWSER_OUTPUT_LIMIT,
    CODE_CELL_PYTHON: env.CODE_CELL_PYTHON,
    // Like the terminal's, a cell's default timeout never exceeds what a cell may ask for.
    CODE_CELL_TIMEOUT_SECONDS: Math.min(
      env.CODE_CELL_TIMEOUT_SECONDS,
      env.TERMINAL_MAX_TIMEOUT_SECONDS,
    ),
    CONDENSER_MAX_SIZE: env.CONDENSER_MAX_SIZE,
    CONDENSER_KEEP_FIRST: env.CONDENSER_KEEP_FIRST,
    CHILD_ENV: childEnv,
  };
});
export type AgentServerConfig = z.output<typeof AgentServerConfigSchema>;

export const AGENT_SERVER_CONFIG = Symbol('AGENT_SERVER_CONFIG');

/** A user without a passwd entry (run_as_user of an unknown uid) has no home: use the workspace. */
function homeOrWorkspace(workspaceDir: string): string {
  try {
    return homedir();
  } catch {
    return workspaceDir;
  }
}

/**
 * The analyzer's rules, checked at boot so a bad rule stops the server naming the variable;
 * undefined when unset (the analyzer then uses its built-in rules).
 */
function securityRules(
  value: string | undefined,
  ctx: z.RefinementCtx,
): SecurityRule[] | undefined {
  if (value === undefined) return undefined;
  try {
    return loadSecurityRules(value);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: error instanceof Error ? error.message : String(error),
    });
    return z.NEVER;
  }
}
