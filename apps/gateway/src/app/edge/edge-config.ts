import { type GatewayScope, GatewayScopeSchema } from '@agentrt/contracts';
import { z } from 'zod';

/** A key from `GATEWAY_API_KEYS`: only its sha256 is configured, never the key. */
export interface ConfiguredApiKey {
  readonly hash: string;
  readonly scopes: ReadonlySet<GatewayScope>;
}

const KEY_ENTRY = /^([0-9a-f]{64}):([a-z]+(?:\+[a-z]+)*)$/;

function parseKeyEntry(entry: string, ctx: z.RefinementCtx): ConfiguredApiKey | undefined {
  const match = KEY_ENTRY.exec(entry.toLowerCase());
  if (!match?.[1] || !match[2]) {
    ctx.addIssue({
      code: 'custom',
      message: `entry "${entry.slice(0, 12)}..." must be <sha256-hex>:<scope>[+<scope>...] (the key's hash, never the key; make one with \`npm run hash-key -- <key>\`)`,
    });
    return undefined;
  }
  const scopes = match[2].split('+').map((scope) => GatewayScopeSchema.safeParse(scope));
  const unknown = scopes.find((scope) => !scope.success);
  if (unknown) {
    ctx.addIssue({ code: 'custom', message: 'scopes must be run, debug or admin' });
    return undefined;
  }
  return { hash: match[1], scopes: new Set(scopes.flatMap((s) => (s.success ? [s.data] : []))) };
}

/** `GATEWAY_API_KEYS`: comma-separated `<sha256-hex>:<scope>[+<scope>...]`; empty by default. */
export const apiKeysVar = () =>
  z
    .string()
    .default('')
    .transform((value, ctx) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
        .flatMap((entry) => parseKeyEntry(entry, ctx) ?? []),
    );

/** Requests per minute; 0 turns the limit off. */
export const perMinuteVar = (defaultLimit: number) =>
  z.coerce.number().int().min(0, 'must be 0 (off) or more').default(defaultLimit);

/**
 * `TRUST_PROXY`: how many proxies in front of the gateway append to `X-Forwarded-For`. `false`
 * (default) ignores the header (clients could forge it); `true` is one hop; a number is that many.
 */
export const trustProxyVar = () =>
  z
    .string()
    .regex(/^(true|false|\d{1,2})$/i, 'must be true, false or a number of proxy hops')
    .default('false')
    .transform((value) => {
      const lower = value.toLowerCase();
      return lower === 'true' ? 1 : lower === 'false' ? 0 : Number(lower);
    });

function isOrigin(value: string): boolean {
  if (value === '*') return true;
  try {
    const url = new URL(value);
    return url.origin === value && /^https?:$/.test(url.protocol);
  } catch {
    return false;
  }
}

/** `CORS_ORIGINS`: comma-separated origins (`https://app.example.com`) or `*`; unset = no CORS. */
export const corsOriginsVar = () =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .refine(isOrigin, 'each entry must be * or an origin like https://app.example.com'),
      ),
    )
    .optional();
