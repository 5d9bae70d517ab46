import { ConfirmationPolicySchema } from './confirmation-policy';

describe('ConfirmationPolicySchema', () => {
  it("reads the SDK's ConfirmRisky, filling in its defaults (HIGH, confirm unknown)", () => {
    expect(ConfirmationPolicySchema.parse({ kind: 'ConfirmRisky' })).toEqual({
      kind: 'ConfirmRisky',
      threshold: 'HIGH',
      confirm_unknown: true,
    });
    expect(
      ConfirmationPolicySchema.parse({
        kind: 'ConfirmRisky',
        threshold: 'MEDIUM',
        confirm_unknown: false,
      }),
    ).toEqual({ kind: 'ConfirmRisky', threshold: 'MEDIUM', confirm_unknown: false });
  });

  it('keeps the other policies as they are', () => {
    expect(ConfirmationPolicySchema.parse({ kind: 'AlwaysConfirm' })).toEqual({
      kind: 'AlwaysConfirm',
    });
  });

  it('refuses UNKNOWN as a threshold, as the SDK does', () => {
    const result = ConfirmationPolicySchema.safeParse({
      kind: 'ConfirmRisky',
      threshold: 'UNKNOWN',
    });
    expect(result.error?.issues[0]?.path).toEqual(['threshold']);
  });
});
