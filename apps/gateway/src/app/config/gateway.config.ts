import { ServerModeSchema } from '@agentrt/contracts';
import {
  booleanVar,
  hostVar,
  httpUrlVar,
  keyPrefixVar,
  listVar,
  logLevelVar,
  portVar,
  redisUrlVar,
} from '@agentrt/platform';
import { z } from 'zod';
import { apiKeysVar, corsOriginsVar, perMinuteVar, trustProxyVar } from '../edge/edge-config';

/** Every variable the gateway reads; documented in apps/gateway/README.md. */
export const GatewayConfigSchema = z.object({
  HOST: hostVar(),
  PORT: portVar(5053),
  LOG_LEVEL: logLevelVar(),
  /** `/metrics` on the admin port (the public app's and the admin app's series). */
  METRICS_ENABLED: booleanVar(true),
  REDIS_URL: redisUrlVar(),
  REDIS_KEY_PREFIX: keyPrefixVar(),
  RUNTIME_API_URL: httpUrlVar(),
  SERVER_MODE: ServerModeSchema.default('runtime'),

  // Agents and runs (agent-runner, debugger, embodiments).
  /** The gateway's own key toward runtime-api (plaintext: the gateway presents it). Secret. */
  RUNTIME_API_KEY: z.string({ error: 'is required but not set' }).min(1),
  /** Agents answer at `<agent-id>.<AGENT_DOMAIN>` when set (exact suffix match). */
  AGENT_DOMAIN: z
    .string()
    .regex(
      /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/,
      'must be a lowercase DNS name, e.g. agents.example.com',
    )
    .optional(),
  /** Directory of LLM keys, one file per `api_key_ref` (a mounted Kubernetes Secret works). */
  LLM_SECRETS_DIR: z.string().startsWith('/', 'must be an absolute path').optional(),
  RUN_RETENTION_SECONDS: z.coerce.number().int().min(60).default(86_400),
  RUN_RUNTIME_READY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(120),
  /** What happens to a run's runtime afterwards when the run named no session: stop or keep. */
  RUN_RUNTIME_RELEASE: z.enum(['stop', 'keep']).default('stop'),
  RUN_MAX_ATTACHMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(25 * 1024 * 1024),
  RUN_MAX_ATTACHMENTS: z.coerce.number().int().min(0).default(10),

  // Edge (apps/gateway/src/app/edge, admin): credentials, rate limits, CORS, the admin port.
  /** Static API keys: `<sha256-hex>:<scope>[+<scope>...]`, comma-separated. */
  GATEWAY_API_KEYS: apiKeysVar(),
  /** OIDC bearer tokens are accepted only when this is set. */
  OIDC_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  OIDC_ISSUER: z.string().min(1).optional(),
  /** Accepted `aud` values, comma-separated. */
  OIDC_AUDIENCE: listVar().optional(),
  RATE_LIMIT_PER_KEY_PER_MINUTE: perMinuteVar(600),
  RATE_LIMIT_PER_IP_PER_MINUTE: perMinuteVar(1200),
  TRUST_PROXY: trustProxyVar(),
  CORS_ORIGINS: corsOriginsVar(),
  ADMIN_HOST: hostVar(),
  ADMIN_PORT: portVar(5054),

  // Debugger (apps/gateway/src/app/debugger).
  /** How long a debug command waits for the agent's next stop before answering `running`. */
  DEBUG_STEP_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),

  // Runtime proxy (apps/gateway/src/app/proxy): `/{runtime_id}/...`, resuming paused runtimes.
  /** runtime-api's REDIS_KEY_PREFIX, where its runtime records are; unset = REDIS_KEY_PREFIX. */
  RUNTIME_STATE_KEY_PREFIX: keyPrefixVar().unwrap().optional(),
  /** runtime-api's AGENT_SERVER_PORT: which of a runtime's endpoints is its agent server. */
  AGENT_SERVER_PORT: portVar(8000),
  /** How long a request to a paused runtime waits for its resume before a 503. */
  PROXY_RESUME_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * Longest a running runtime's target is served from the proxy's cache, which every record write
   * invalidates at once (this only bounds an announcement lost without the link dropping); 0 = no
   * cache, one Redis read per proxied request.
   */
  PROXY_TARGET_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** Longest upstream silence before 504 (above `execute_bash_command`'s 300 s limit). */
  PROXY_UPSTREAM_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),

  // Embodiments (apps/gateway/src/app/embodiments): OpenAI, MCP, Alexa and the API documents.
  /** The gateway's URL as clients reach it, for /postman and /chatgpt/openapi.json; unset = the request's. */
  PUBLIC_URL: httpUrlVar().optional(),
  /** Alexa skill ids allowed at /alexa, comma-separated; unset = any skill (the run key still applies). */
  ALEXA_SKILL_IDS: listVar().optional(),
  /** How long an Alexa request's agent run may take (Alexa itself waits about 8 s for an answer). */
  ALEXA_RUN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(7),
});
export type GatewayConfig = z.output<typeof GatewayConfigSchema>;

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
