import { z } from 'zod';

/** Raised with every bad variable at once, so a user fixes them in one go. */
export class ClientConfigError extends Error {
  override name = 'ClientConfigError';

  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
      error: 'must be true or false (1/0, yes/no, on/off)',
    })
    .optional()
    .transform((value) =>
      value === undefined ? fallback : ['1', 'true', 'yes', 'on'].includes(value),
    );

const text = () => z.string().trim().min(1, 'must not be empty when set').optional();

const httpUrl = () =>
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional();

const count = (fallback: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(max, `must be at most ${max}`)
    .default(fallback);

/**
 * Every variable the SDK and the `agentrt` CLI read; the table in libs/client/README.md
 * documents each. Unknown variables are ignored (this is the whole process environment).
 */
const ClientEnvSchema = z.looseObject({
  AGENTRT_USE_REMOTE_RUNTIME: flag(false),
  RUNTIME_API_URL: httpUrl(),
  RUNTIME_API_KEY: text(),
  AGENTRT_AGENT_SERVER_IMAGE: text(),
  AGENTRT_AGENT_SERVER_COMMAND: text(),
  AGENTRT_WORKING_DIR: text(),
  AGENTRT_RESOURCE_FACTOR: z
    .enum(['1', '2', '4', '8'], { error: 'must be 1, 2, 4 or 8' })
    .default('1')
    .transform(Number),
  AGENTRT_WEBSOCKET: flag(true),
  AGENTRT_DEBUG: flag(false),
  AGENTRT_FALLBACK_TO_LOCAL: flag(false),
  AGENTRT_REMOTE_START_ATTEMPTS: count(3, 20),
  AGENTRT_START_TIMEOUT_SECONDS: count(120, 3600),
  AGENTRT_GATEWAY_URL: httpUrl(),
  AGENTRT_GATEWAY_ADMIN_URL: httpUrl(),
  AGENTRT_API_KEY: text(),
  LLM_MODEL: text(),
  LLM_API_KEY: text(),
  LLM_BASE_URL: httpUrl(),
});

/** What the SDK and CLI work with, validated; secrets are kept apart from what may be shown. */
export interface ClientConfig {
  useRemoteRuntime: boolean;
  runtimeApi?: { url: string; apiKey: string };
  agentServerImage?: string;
  /** argv that starts an agent server on this machine (comma-separated in the variable). */
  agentServerCommand?: string[];
  workingDir?: string;
  resourceFactor: 1 | 2 | 4 | 8;
  websocket: boolean;
  debug: boolean;
  fallbackToLocal: boolean;
  remoteStartAttempts: number;
  startTimeoutMs: number;
  gateway?: { url?: string; adminUrl?: string; apiKey?: string };
  llm?: { model: string; apiKey?: string; baseUrl?: string };
  /**
   * What a local agent server inherits from this process: only these basics, so the SDK's own
   * keys (RUNTIME_API_KEY, LLM_API_KEY, ...) never reach the commands an agent runs.
   */
  localEnvironment: Record<string, string>;
}

/** Inherited by local agent servers; everything else of the caller's environment is not. */
const INHERITED = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LC_ALL',
  'TZ',
  'TMPDIR',
  'TERM',
];

type ClientEnv = z.output<typeof ClientEnvSchema>;

/** Reads and checks the variables of `env` (usually `process.env`); throws ClientConfigError. */
export function loadClientConfig(env: Record<string, string | undefined>): ClientConfig {
  const parsed = ClientEnvSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) {
    throw new ClientConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const problems = crossChecks(parsed.data);
  if (problems.length > 0) throw new ClientConfigError(problems);
  return { ...configOf(parsed.data), localEnvironment: inheritedOf(env) };
}

function inheritedOf(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    INHERITED.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])),
  );
}

/** An empty variable counts as unset, as shells and compose files often leave them. */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]?.trim()),
  );
}

function crossChecks(env: ClientEnv): string[] {
  const problems: string[] = [];
  if (!!env.RUNTIME_API_URL !== !!env.RUNTIME_API_KEY) {
    problems.push('RUNTIME_API_URL and RUNTIME_API_KEY: set both or neither');
  }
  if (env.AGENTRT_USE_REMOTE_RUNTIME) {
    if (!env.RUNTIME_API_URL) problems.push('RUNTIME_API_URL: required for a remote runtime');
    if (!env.AGENTRT_AGENT_SERVER_IMAGE)
      problems.push('AGENTRT_AGENT_SERVER_IMAGE: required for a remote runtime');
  }
  if (env.AGENTRT_FALLBACK_TO_LOCAL && !env.AGENTRT_USE_REMOTE_RUNTIME) {
    problems.push('AGENTRT_FALLBACK_TO_LOCAL: only means something with a remote runtime');
  }
  if ((env.LLM_API_KEY || env.LLM_BASE_URL) && !env.LLM_MODEL) {
    problems.push('LLM_MODEL: required when LLM_API_KEY or LLM_BASE_URL is set');
  }
  return problems;
}

function configOf(env: ClientEnv): Omit<ClientConfig, 'localEnvironment'> {
  return {
    useRemoteRuntime: env.AGENTRT_USE_REMOTE_RUNTIME,
    ...(env.RUNTIME_API_URL && env.RUNTIME_API_KEY
      ? { runtimeApi: { url: env.RUNTIME_API_URL, apiKey: env.RUNTIME_API_KEY } }
      : {}),
    agentServerImage: env.AGENTRT_AGENT_SERVER_IMAGE,
    agentServerCommand: env.AGENTRT_AGENT_SERVER_COMMAND?.split(',').map((part) => part.trim()),
    workingDir: env.AGENTRT_WORKING_DIR,
    resourceFactor: env.AGENTRT_RESOURCE_FACTOR as ClientConfig['resourceFactor'],
    websocket: env.AGENTRT_WEBSOCKET,
    debug: env.AGENTRT_DEBUG,
    fallbackToLocal: env.AGENTRT_FALLBACK_TO_LOCAL,
    remoteStartAttempts: Math.max(env.AGENTRT_REMOTE_START_ATTEMPTS, 1),
    startTimeoutMs: Math.max(env.AGENTRT_START_TIMEOUT_SECONDS, 1) * 1000,
    ...(env.AGENTRT_GATEWAY_URL || env.AGENTRT_GATEWAY_ADMIN_URL || env.AGENTRT_API_KEY
      ? {
          gateway: {
            url: env.AGENTRT_GATEWAY_URL,
            adminUrl: env.AGENTRT_GATEWAY_ADMIN_URL,
            apiKey: env.AGENTRT_API_KEY,
          },
        }
      : {}),
    ...(env.LLM_MODEL
      ? { llm: { model: env.LLM_MODEL, apiKey: env.LLM_API_KEY, baseUrl: env.LLM_BASE_URL } }
      : {}),
  };
}
