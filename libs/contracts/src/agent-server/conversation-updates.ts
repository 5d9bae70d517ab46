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
  /**
   * agentrt extension (the gateway's debugger; OpenHands clients never send it): with `accept`,
   * run the one pending action with these arguments instead of the LLM's. They are checked
   * against the tool's schema (400 when they do not fit) and recorded in the history.
   */
  action_input: z.record(z.string(), z.unknown()).optional(),
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
