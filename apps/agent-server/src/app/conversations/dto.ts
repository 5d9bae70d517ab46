import { contractDto } from '@agentrt/platform';
import {
  ConfirmationResponseRequestSchema,
  ConversationBatchResponseSchema,
  ConversationCountQuerySchema,
  ConversationIdsQuerySchema,
  ConversationInfoSchema,
  ConversationPageSchema,
  ConversationSearchQuerySchema,
  EventCountQuerySchema,
  EventPageSchema,
  EventSearchQuerySchema,
  SendMessageRequestSchema,
  SetConfirmationPolicyRequestSchema,
  StartConversationRequestSchema,
  SuccessResponseSchema,
  UpdateConversationRequestSchema,
  UpdateSecretsRequestSchema,
} from '@agentrt/contracts';
import { getSchemaPath } from '@nestjs/swagger';

/* The conversation and event routes' bodies, queries and responses, all from the contracts. */

export class StartConversationRequestDto extends contractDto(StartConversationRequestSchema) {}
export class ConversationInfoDto extends contractDto(ConversationInfoSchema) {}
export class ConversationSearchQueryDto extends contractDto(ConversationSearchQuerySchema) {}
export class ConversationPageDto extends contractDto(ConversationPageSchema) {}
export class ConversationCountQueryDto extends contractDto(ConversationCountQuerySchema) {}
export class ConversationIdsQueryDto extends contractDto(ConversationIdsQuerySchema) {}
export class ConversationBatchResponseDto extends contractDto(ConversationBatchResponseSchema) {}
export class UpdateConversationRequestDto extends contractDto(UpdateConversationRequestSchema) {}
export class SetConfirmationPolicyRequestDto extends contractDto(
  SetConfirmationPolicyRequestSchema,
) {}
export class UpdateSecretsRequestDto extends contractDto(UpdateSecretsRequestSchema) {}
export class SuccessResponseDto extends contractDto(SuccessResponseSchema) {}
export class SendMessageRequestDto extends contractDto(SendMessageRequestSchema) {}
export class ConfirmationResponseRequestDto extends contractDto(
  ConfirmationResponseRequestSchema,
) {}
export class EventSearchQueryDto extends contractDto(EventSearchQuerySchema) {}
export class EventCountQueryDto extends contractDto(EventCountQuerySchema) {}
export class EventPageDto extends contractDto(EventPageSchema) {}

/** Documents a bare-integer answer (count routes): a DTO class cannot be a number. */
export const COUNT_RESPONSE = { status: 200, schema: { type: 'integer', minimum: 0 } } as const;

/**
 * Documents a single event: the Event union cannot be a DTO class, so this points at the
 * component the event page's items already define (nestjs-zod names outputs `<id>_Output`).
 */
export const EVENT_RESPONSE = {
  status: 200,
  schema: { $ref: getSchemaPath('Event_Output') },
} as const;
