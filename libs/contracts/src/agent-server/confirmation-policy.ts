import { z } from 'zod';

/**
 * A conversation's confirmation policy. `AlwaysConfirm` stops before every action until the user
 * accepts or rejects it (the gateway's debugger is built on this).
 */
export const ConfirmationPolicySchema = z
  .looseObject({
    kind: z.enum(['NeverConfirm', 'AlwaysConfirm']),
  })
  .meta({ id: 'ConfirmationPolicy' });
export type ConfirmationPolicy = z.infer<typeof ConfirmationPolicySchema>;

/** The policy a conversation gets when the request names none. */
export const DEFAULT_CONFIRMATION_POLICY: ConfirmationPolicy = { kind: 'NeverConfirm' };
