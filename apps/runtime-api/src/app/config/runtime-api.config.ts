import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResourceFactorSchema } from '@agentrt/contracts';
import {
  booleanVar,
  hostVar,
  kubeApiVars,
  keyHashesVar,
  keyPrefixVar,
  listVar,
  logLevelVar,
  portVar,
  redisUrlVar,
} from '@agentrt/platform';
import { z } from 'zod';

const count = (max: number) =>
  z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(max);
const seconds = (max: number) =>
  z.coerce.number({ error: 'must be a number of seconds' }).positive('must be above 0').max(max);
const port = z.coerce.number().int().min(1).max(65_535);

/** One warm pool: `size` ready runtimes kept for (image, resource_factor), at most `max` booting+ready. */
const WarmPoolSchema = z
  .object({
    image: z.string().min(1),
    resource_factor: ResourceFactorSchema.default(1),
    size: z.number().int().min(1).max(1000),
    max: z.number().int().min(1).max(1000).optional(),
  })
  .transform((pool) => ({ ...pool, max: Math.max(pool.max ?? pool.size, pool.size) }));
export type WarmPoolConfig = z.output<typeof WarmPoolSchema>;

const jsonVar = <T extends z.ZodType>(schema: T, example: string) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be JSON, e.g. ${example}` });
        return z.NEVER;
      }
    })
    .pipe(schema);

/** `host:container` pairs, e.g. `/root/.gitconfig:/home/agent/.gitconfig`. */
const mountsVar = () =>
  listVar().pipe(
    z.array(
      z
        .string()
        .regex(/^\/[^:]*:\/[^:]*$/, 'each entry must be /host/path:/container/path')
        .transform((entry) => {
          const [hostPath = '', containerPath = ''] = entry.split(':');
          return { hostPath, containerPath };
        }),
    ),
  );

const RuntimeApiEnvSchema = z.object({
  HOST: hostVar(),
  PORT: portVar(5054),
  LOG_LEVEL: logLevelVar(),
  METRICS_ENABLED: booleanVar(true),
  REDIS_URL: redisUrlVar(),
  REDIS_KEY_PREFIX: keyPrefixVar(),
  QUEUE_PREFIX: keyPrefixVar(),
  QUEUE_DASHBOARD_ENABLED: booleanVar(true),
  QUEUE_DASHBOARD_READ_ONLY: booleanVar(true),
  RUNTIME_API_KEY_HASHES: keyHashesVar(),
  RUNTIME_BACKEND: z.enum(['local', 'docker', 'kubernetes']).default('local'),
  RUNTIME_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  RUNTIME_OWNER: keyPrefixVar(),
  AGENT_SERVER_PORT: port.default(8000),
  RUNTIME_WORK_PORTS: listVar()
    .pipe(z.array(z.string().transform(Number).pipe(z.number().int().min(1).max(65_535))))
    .default([]),
  RUNTIME_READY_TIMEOUT_SECONDS: seconds(3600).default(120),
  PROXY_UPSTREAM_TIMEOUT_SECONDS: seconds(86_400).default(600),
  /** Longest a running runtime's proxy target is cached; every record write invalidates it. */
  PROXY_TARGET_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  START_WAIT_SECONDS: z.coerce.number().min(0).max(600).default(30),
  RUNTIME_IDLE_SECONDS: seconds(365 * 86_400).default(1200),
  RUNTIME_DEAD_SECONDS: seconds(365 * 86_400).default(86_400),
  REAPER_INTERVAL_SECONDS: seconds(3600).default(30),
  RUNTIME_RETENTION_SECONDS: seconds(365 * 86_400).default(86_400),
  MAX_RUNTIMES_PER_KEY: count(100_000).default(100),
  START_RATE_PER_MINUTE: count(100_000).default(60),
  WARM_POOLS: jsonVar(
    z.array(WarmPoolSchema),
    '[{"image":"agentrt/agent-server-runtime:dev","resource_factor":1,"size":2}]',
  ).default([]),
  REGISTRY_PREFIX: z.string().min(1).default('127.0.0.1:5000/agentrt'),
  REGISTRY_INSECURE_HOSTS: listVar().default(['127.0.0.1:5000', 'localhost:5000']),
  BUILD_DATA_DIR: z.string().min(1).default('.agentrt/builds'),
  BUILD_MAX_CONTEXT_BYTES: count(4 * 1024 ** 3).default(256 * 1024 ** 2),
  BUILD_MAX_EXPANDED_BYTES: count(64 * 1024 ** 3).default(1024 ** 3),
  BUILD_MAX_ACTIVE_PER_KEY: count(100_000).default(20),
  BUILD_RETENTION_SECONDS: seconds(365 * 86_400).default(7 * 86_400),
  RUNTIME_CPUS_PER_UNIT: z.coerce.number().positive().max(256).default(1),
  RUNTIME_MEMORY_MB_PER_UNIT: count(1_048_576).default(2048),
  LOCAL_RUNTIME_ROOT: z.string().min(1).default(join(tmpdir(), 'agentrt-runtimes')),
  AGENT_SERVER_COMMAND: listVar().optional(),
  DOCKER_SOCKET: z.string().min(1).default('/var/run/docker.sock'),
  DOCKER_NETWORK: z.string().min(1).default('bridge'),
  DOCKER_PUBLISH_HOST: z.string().min(1).default('127.0.0.1'),
  DOCKER_WORKSPACE_ROOT: z.string().startsWith('/', 'must be an absolute path').optional(),
  DOCKER_CREDENTIAL_MOUNTS: mountsVar().default([]),
  ...kubeApiVars(),
  KUBE_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9-]{1,63}$/)
    .default('agentrt-runtimes'),
  KUBE_WORKSPACE_SIZE: z
    .string()
    .regex(/^\d+(Mi|Gi|Ti)$/, 'e.g. 10Gi')
    .optional(),
  KUBE_STORAGE_CLASS: z.string().min(1).optional(),
});

/** Every variable runtime-api reads; documented in apps/runtime-api/README.md. */
export const RuntimeApiConfigSchema = RuntimeApiEnvSchema.superRefine((env, ctx) => {
  if (env.RUNTIME_BACKEND === 'kubernetes' && !env.KUBE_API_SERVER) {
    ctx.addIssue({
      code: 'custom',
      path: ['KUBE_API_SERVER'],
      message: 'is required when RUNTIME_BACKEND=kubernetes',
    });
  }
  if (env.RUNTIME_DEAD_SECONDS < env.RUNTIME_IDLE_SECONDS) {
    ctx.addIssue({
      code: 'custom',
      path: ['RUNTIME_DEAD_SECONDS'],
      message: 'must not be below RUNTIME_IDLE_SECONDS',
    });
  }
}).transform((env) => ({
  ...env,
  RUNTIME_PUBLIC_URL: env.RUNTIME_PUBLIC_URL ?? `http://127.0.0.1:${env.PORT}`,
}));
export type RuntimeApiConfig = z.output<typeof RuntimeApiConfigSchema>;

export const RUNTIME_API_CONFIG = Symbol('RUNTIME_API_CONFIG');
