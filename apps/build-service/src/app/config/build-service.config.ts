import { hostname } from 'node:os';
import {
  booleanVar,
  hostVar,
  kubeApiVars,
  keyPrefixVar,
  listVar,
  logLevelVar,
  portVar,
  redisUrlVar,
} from '@agentrt/platform';
import { z } from 'zod';

const seconds = (max: number) =>
  z.coerce.number({ error: 'must be a number of seconds' }).positive('must be above 0').max(max);
const millis = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** `KEY=VALUE` pairs, comma-separated, e.g. `BASE_IMAGE=node:20-bookworm,http_proxy=http://p:3128`. */
const buildArgsVar = () =>
  listVar().pipe(
    z
      .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*=/, 'each entry must be KEY=VALUE'))
      .transform((pairs) =>
        Object.fromEntries(
          pairs.map((pair) => [
            pair.slice(0, pair.indexOf('=')),
            pair.slice(pair.indexOf('=') + 1),
          ]),
        ),
      ),
  );

const BuildServiceEnvSchema = z.object({
  HOST: hostVar(),
  PORT: portVar(5055),
  LOG_LEVEL: logLevelVar(),
  METRICS_ENABLED: booleanVar(true),
  REDIS_URL: redisUrlVar(),
  REDIS_KEY_PREFIX: keyPrefixVar(),
  QUEUE_PREFIX: keyPrefixVar(),
  WORKER_CONCURRENCY: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(32, 'must be at most 32')
    .default(2),
  WORKER_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, ".", "_" or "-" only, at most 64')
    .default(() => `${hostname()}-${process.pid}`),
  BUILD_DATA_DIR: z.string().min(1).default('.agentrt/builds'),
  BUILD_MODE: z.enum(['docker', 'kubernetes']).default('docker'),
  BUILD_TIMEOUT_SECONDS: seconds(24 * 3600).default(1800),
  BUILD_RETENTION_SECONDS: seconds(365 * 86_400).default(7 * 86_400),
  BUILD_DEFAULT_ARGS: buildArgsVar().default({}),
  BUILD_NETWORK_MODE: z.string().min(1).optional(),
  BUILD_REMOVE_LOCAL_IMAGES: booleanVar(false),
  BUILD_LOCK_MS: millis(1000, 3_600_000).default(60_000),
  BUILD_STALLED_INTERVAL_MS: millis(500, 3_600_000).default(30_000),
  BUILD_RECONCILE_INTERVAL_SECONDS: seconds(3600).default(30),
  DOCKER_SOCKET: z.string().min(1).default('/var/run/docker.sock'),
  BUILD_INSECURE_REGISTRIES: listVar().default(['127.0.0.1:5000', 'localhost:5000']),
  ...kubeApiVars(),
  KUBE_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9-]{1,63}$/)
    .default('agentrt-builds'),
  KUBE_BUILDER_IMAGE: z.string().min(1).default('gcr.io/kaniko-project/executor:v1.23.2'),
  KUBE_CONTEXT_PVC: z.string().min(1).optional(),
  KUBE_CONTEXT_MOUNT_PATH: z.string().startsWith('/').default('/contexts'),
  KUBE_SERVICE_ACCOUNT: z.string().min(1).optional(),
});

/** Every variable build-service reads; documented in apps/build-service/README.md. */
export const BuildServiceConfigSchema = BuildServiceEnvSchema.superRefine((env, ctx) => {
  if (env.BUILD_MODE !== 'kubernetes') return;
  for (const name of ['KUBE_API_SERVER', 'KUBE_CONTEXT_PVC'] as const) {
    if (!env[name]) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: 'is required when BUILD_MODE=kubernetes',
      });
    }
  }
});
export type BuildServiceConfig = z.output<typeof BuildServiceConfigSchema>;

export const BUILD_SERVICE_CONFIG = Symbol('BUILD_SERVICE_CONFIG');
