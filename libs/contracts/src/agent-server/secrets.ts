import { z } from 'zod';

/**
 * One secret of a conversation, in any of the spellings OpenHands clients send: a plain string,
 * `{value}`, `{kind: "StaticSecret", value}`, or `{kind: "LookupSecret", url, headers}` (fetched
 * when used).
 */
export const SecretValueSchema = z.union([
  z.string(),
  z.looseObject({ kind: z.literal('StaticSecret').optional(), value: z.string() }),
  z.looseObject({
    kind: z.literal('LookupSecret'),
    url: z.url(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
]);
export type SecretValue = z.infer<typeof SecretValueSchema>;

/** Secrets by name, as in `StartConversationRequest.secrets` and `POST .../secrets`. */
export const SecretsSchema = z.record(z.string().min(1), SecretValueSchema);
export type Secrets = z.infer<typeof SecretsSchema>;
