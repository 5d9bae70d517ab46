import { z } from 'zod';
import { RoutingModeSchema } from './modes';

/** Why `/api/*` went where it went, by the priority rule that matched (gateway.md). */
export const RoutingReasonSchema = z.enum([
  'force-agent-runner-header',
  'debug-header',
  'force-debugger-header',
  'routing-mode-header',
  'default',
]);
export type RoutingReason = z.infer<typeof RoutingReasonSchema>;

/** A routing decision, as logged for every request; `header` names the header that decided. */
export const RoutingDecisionSchema = z.object({
  module: RoutingModeSchema,
  reason: RoutingReasonSchema,
  header: z.string().optional(),
});
export type RoutingDecision = z.infer<typeof RoutingDecisionSchema>;
