import { z } from 'zod';

/** The risk levels a `ConfirmRisky` threshold may name (`UNKNOWN` is not a threshold). */
export const RiskThresholdSchema = z.enum(['LOW', 'MEDIUM', 'HIGH']);
export type RiskThreshold = z.infer<typeof RiskThresholdSchema>;

/**
 * A conversation's confirmation policy, as in the OpenHands SDK. `AlwaysConfirm` stops before
 * every action until the user accepts or rejects it (the gateway's debugger is built on this).
 * `ConfirmRisky` stops only before actions whose `security_risk` is at or above `threshold`, and
 * before actions rated `UNKNOWN` when `confirm_unknown` is set.
 */
export const ConfirmationPolicySchema = z
  .discriminatedUnion('kind', [
    z.looseObject({ kind: z.literal('NeverConfirm') }),
    z.looseObject({ kind: z.literal('AlwaysConfirm') }),
    z.looseObject({
      kind: z.literal('ConfirmRisky'),
      threshold: RiskThresholdSchema.default('HIGH'),
      confirm_unknown: z.boolean().default(true),
    }),
  ])
  .meta({ id: 'ConfirmationPolicy' });
export type ConfirmationPolicy = z.infer<typeof ConfirmationPolicySchema>;

/** The policy a conversation gets when the request names none. */
export const DEFAULT_CONFIRMATION_POLICY: ConfirmationPolicy = { kind: 'NeverConfirm' };
