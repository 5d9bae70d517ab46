import { z } from 'zod';
import { GatewayScopeSchema } from './scopes';

/** Scopes a key is granted: at least one, each once. */
const KeyScopesSchema = z
  .array(GatewayScopeSchema)
  .min(1, 'a key needs at least one scope')
  .refine((scopes) => new Set(scopes).size === scopes.length, 'each scope may appear once');

/** `POST /keys` on the gateway's admin port. */
export const ApiKeyCreateRequestSchema = z.object({
  /** A label for people (who or what uses the key); not secret, not unique. */
  name: z.string().trim().min(1).max(100),
  scopes: KeyScopesSchema,
});
export type ApiKeyCreateRequest = z.infer<typeof ApiKeyCreateRequestSchema>;

/** A stored key as the admin API shows it: never the key, never its full hash. */
export const ApiKeyViewSchema = z.object({
  /** Stable, non-secret id (a prefix of the key's sha256); the caller id in logs and limits. */
  id: z.string(),
  name: z.string(),
  scopes: z.array(GatewayScopeSchema),
  created_at: z.string(),
});
export type ApiKeyView = z.infer<typeof ApiKeyViewSchema>;

/** The answer to `POST /keys`: the only time the plaintext key is ever shown. */
export const ApiKeyCreatedSchema = ApiKeyViewSchema.extend({
  /** Send as `X-API-Key` or `Authorization: Bearer`; store it now, it cannot be read again. */
  key: z.string(),
});
export type ApiKeyCreated = z.infer<typeof ApiKeyCreatedSchema>;

export const ApiKeyListResponseSchema = z.object({ keys: z.array(ApiKeyViewSchema) });
export type ApiKeyListResponse = z.infer<typeof ApiKeyListResponseSchema>;
