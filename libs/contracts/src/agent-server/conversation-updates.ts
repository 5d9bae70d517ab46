import { z } from 'zod';
import { ConfirmationPolicySchema } from './confirmation-policy';
import { SecretsSchema } from './secrets';

/** Body of `PATCH /api/conversations/{id}`. */
export const UpdateConversationRequestSchema = z.looseObject({
  title: z.string().trim().min(1).max(200),
});
export type UpdateConversationRequest = z.infer<typeof UpdateConversationRequestSchema>;

/** Body of `POST .../events/respond_to_confirmation`: run or reject the pending action. */
export const ConfirmationResponseRequestSchema = z.looseObject({
  accept: z.boolean(),
  /** Given to the agent as the rejection reason when `accept` is false. */
  reason: z.string().default('User rejected the action.'),
});
export type ConfirmationResponseRequest = z.infer<typeof ConfirmationResponseRequestSchema>;

/** Body of `POST /api/conversations/{id}/confirmation_policy`. */
export const SetConfirmationPolicyRequestSchema = z.looseObject({
  policy: ConfirmationPolicySchema,
});
export type SetConfirmationPolicyRequest = z.infer<typeof SetConfirmationPolicyRequestSchema>;

/** Body of `POST /api/conversations/{id}/secrets`: added to (or replacing) existing ones. */
export const UpdateSecretsRequestSchema = z.looseObject({
  secrets: SecretsSchema,
});
export type UpdateSecretsRequest = z.infer<typeof UpdateSecretsRequestSchema>;

/** `{success}`: the answer of every conversation command (run, pause, patch, delete, ...). */
export const SuccessResponseSchema = z.object({
  success: z.boolean(),
});
export type SuccessResponse = z.infer<typeof SuccessResponseSchema>;
