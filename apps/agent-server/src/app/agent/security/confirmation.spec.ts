import {
  type ConfirmationPolicy,
  ConfirmationPolicySchema,
  type SecurityRisk,
} from '@agentrt/contracts';
import { requiresConfirmation } from './confirmation';

const risky = (policy: object): ConfirmationPolicy =>
  ConfirmationPolicySchema.parse({ kind: 'ConfirmRisky', ...policy });

describe('requiresConfirmation', () => {
  const risks: SecurityRisk[] = ['UNKNOWN', 'LOW', 'MEDIUM', 'HIGH'];

  it.each<[string, ConfirmationPolicy, boolean[]]>([
    ['NeverConfirm', { kind: 'NeverConfirm' }, [false, false, false, false]],
    ['AlwaysConfirm', { kind: 'AlwaysConfirm' }, [true, true, true, true]],
    ['ConfirmRisky (defaults: HIGH, confirm unknown)', risky({}), [true, false, false, true]],
    ['ConfirmRisky MEDIUM', risky({ threshold: 'MEDIUM' }), [true, false, true, true]],
    ['ConfirmRisky LOW', risky({ threshold: 'LOW' }), [true, true, true, true]],
    [
      'ConfirmRisky HIGH, unknown runs',
      risky({ threshold: 'HIGH', confirm_unknown: false }),
      [false, false, false, true],
    ],
  ])('%s asks for UNKNOWN, LOW, MEDIUM, HIGH: %j', (_name, policy, expected) => {
    expect(risks.map((risk) => requiresConfirmation(policy, risk))).toEqual(expected);
  });
});
