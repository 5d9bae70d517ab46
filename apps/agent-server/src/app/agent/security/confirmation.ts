import type { ConfirmationPolicy, SecurityRisk } from '@agentrt/contracts';
import { atOrAbove } from './security-analyzer';

/** Whether `policy` stops before an action rated `risk`, as the OpenHands SDK's `should_confirm`. */
export function requiresConfirmation(policy: ConfirmationPolicy, risk: SecurityRisk): boolean {
  switch (policy.kind) {
    case 'NeverConfirm':
      return false;
    case 'AlwaysConfirm':
      return true;
    case 'ConfirmRisky':
      return risk === 'UNKNOWN' ? policy.confirm_unknown : atOrAbove(risk, policy.threshold);
  }
}
