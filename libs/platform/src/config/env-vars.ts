import { z } from 'zod';

/** Building blocks for app config schemas; every variable an app reads is declared with these. */

const required = {
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? 'is required but not set' : undefined,
};

export const portVar = (defaultPort: number) =>
  z.coerce
    .number({ error: 'must be a TCP port number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(defaultPort);

export const hostVar = () => z.string().min(1).default('127.0.0.1');

export const logLevelVar = () =>
  z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

export const redisUrlVar = () =>
  z
    .string(required)
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379');

export const httpUrlVar = () =>
  z
    .string(required)
    .pipe(
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://127.0.0.1:5054' }),
    )
    .transform((url) => url.replace(/\/+$/, ''));

/** A prefix for Redis keys and BullMQ queues, so several deployments or tests can share one Redis. */
export const keyPrefixVar = () =>
  z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, ".", "_" or "-" only, at most 64')
    .default('agentrt');

/** `true/false/1/0/yes/no`, case-insensitive; anything else is an error rather than "false". */
export const booleanVar = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'TRUE', 'FALSE', 'True', 'False'], {
      error: 'must be true or false',
    })
    .transform((value) => ['true', '1', 'yes'].includes(value.toLowerCase()))
    .default(defaultValue);

/** Comma-separated list; empty entries are dropped. */
export const listVar = () =>
  z.string().transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** Required list of sha256 hex digests of API keys (never the keys themselves). */
export const keyHashesVar = () =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? 'is required but not set (comma-separated sha256 hex digests of API keys; make one with `npm run hash-key -- <key>`)'
          : undefined,
    })
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z
            .string()
            .regex(
              /^[0-9a-f]{64}$/,
              'each entry must be a sha256 hex digest (64 hex characters) of a key, not the key itself',
            ),
        )
        .min(1, 'must list at least one key hash'),
    );

/**
 * How an app reaches the Kubernetes API (runtime-api's kubernetes backend, build-service's
 * Kubernetes builds): the same four variables everywhere.
 */
export const kubeApiVars = () => ({
  KUBE_API_SERVER: z.url({ protocol: /^https?$/ }).optional(),
  KUBE_TOKEN_FILE: z
    .string()
    .startsWith('/')
    .default('/var/run/secrets/kubernetes.io/serviceaccount/token'),
  KUBE_CA_FILE: z.string().startsWith('/').optional(),
  KUBE_SKIP_TLS_VERIFY: booleanVar(false),
});
